package org.telcocdn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.common.json.Json;
import org.telcocdn.testkit.Await;

/**
 * {@code cdn ps} and {@code cdn down} on a real child process (the rest of the command: {@link
 * CdnTest}).
 */
class CdnPsIT {
  @TempDir Path work;

  @Test
  void psReportsHealthAndLiveness() throws Exception {
    try (Children children = new Children()) {
      Launch launch = children.launch(work, "meta");
      Process process = children.start(launch);
      String url = Children.awaitUrl(launch.log());
      // ps probes once, with a 2 s timeout: a child JVM's first answers took longer than that at
      // load 17
      Await.until(
          Duration.ofSeconds(30),
          "the child to answer /health",
          () -> new HealthProbe().healthy(url));
      RunningService live =
          new RunningService(
              "vid-metadata",
              "vid-metadata",
              process.pid(),
              url,
              null,
              launch.log().toString(),
              Instant.now(),
              process.info().startInstant().orElse(null));
      writeState(live, StateFileTest.dead("vid-raw"));
      Console cdn = Console.withoutSamples(work);

      assertThat(cdn.run("ps", "--json")).isZero();
      JsonNode entries = Json.MAPPER.readTree(cdn.out());
      assertThat(entries).hasSize(2);
      assertThat(entries.get(0).path("name").asText()).isEqualTo("vid-metadata");
      assertThat(entries.get(0).path("pid").asLong()).isEqualTo(process.pid());
      assertThat(entries.get(0).path("healthy").asBoolean()).isTrue();
      assertThat(entries.get(1).path("role").asText()).isEqualTo("vid-raw");
      assertThat(entries.get(1).path("healthy").asBoolean()).isFalse();

      assertThat(cdn.run("ps")).isZero();
      assertThat(cdn.out())
          .contains("NAME")
          .containsPattern("vid-metadata +vid-metadata +" + process.pid() + " .*healthy")
          .containsPattern("vid-raw .* exited");

      assertThat(cdn.run("down")).isZero();
      assertThat(cdn.out()).contains("Stopped 1 of 2 recorded services.");
      assertThat(process.isAlive()).isFalse();
      assertThat(new StateFile(work.resolve(".cdn")).path()).doesNotExist();
    }
  }

  private void writeState(RunningService... services) {
    Path dataDir = work.resolve(".cdn");
    new StateFile(dataDir).write(new RunState(dataDir.toString(), List.of(services)));
  }
}
