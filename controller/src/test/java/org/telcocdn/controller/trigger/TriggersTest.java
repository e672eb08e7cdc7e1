package org.telcocdn.controller.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.common.http.ApiException;
import org.telcocdn.common.json.Json;
import org.telcocdn.testkit.TestClock;

/** What the controller keeps of triggers: retention, and bounds whatever clients submit. */
class TriggersTest {
  @TempDir Path dir;
  private final TestClock clock = TestClock.manual();

  private static TriggerCommand command() throws Exception {
    return TriggerCommand.parse(
        Json.MAPPER.readTree("{\"type\":\"purge\",\"content.ccid\":[\"v1\"]}"), null, 0);
  }

  private Trigger submitAndFail(Triggers triggers) throws Exception {
    Trigger t = triggers.submit(command());
    long now = triggers.now();
    return triggers.update(t.id(), x -> x.status(TriggerStatus.FAILED, now));
  }

  @Test
  void finishedTriggersAreKeptForTheRetentionThenForgottenOnDiskToo() throws Exception {
    Triggers triggers = new Triggers(new TriggerStore(dir), clock, Duration.ofHours(24), 10);
    Trigger old = submitAndFail(triggers);
    Trigger running = triggers.submit(command());
    clock.advance(Duration.ofHours(23));
    assertThat(triggers.expire()).isZero();
    clock.advance(Duration.ofHours(2));
    assertThat(triggers.expire()).isEqualTo(1);
    assertThat(triggers.get(old.id())).isEmpty();
    assertThat(triggers.get(running.id())).as("unfinished: kept").isPresent();
    assertThat(
            new Triggers(new TriggerStore(dir), clock, Duration.ofHours(24), 10)
                .list(Optional.empty()))
        .extracting(Trigger::id)
        .containsExactly(running.id());
  }

  @Test
  void unfinishedAreCappedAndAllAtTenTimesThatOldestFinishedFirst() throws Exception {
    Triggers triggers = new Triggers(new TriggerStore(dir), clock, Duration.ofHours(48), 1);
    Trigger first = submitAndFail(triggers);
    for (int i = 0; i < 14; i++) {
      clock.advance(Duration.ofSeconds(1));
      submitAndFail(triggers);
    }
    assertThat(triggers.list(Optional.empty())).hasSize(Triggers.KEPT_PER_UNFINISHED);
    assertThat(triggers.get(first.id())).isEmpty();
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.count()).isEqualTo(Triggers.KEPT_PER_UNFINISHED);
    }
    triggers.submit(command());
    assertThatThrownBy(() -> triggers.submit(command()))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("at most 1");
  }
}
