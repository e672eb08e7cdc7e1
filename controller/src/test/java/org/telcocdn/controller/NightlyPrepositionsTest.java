package org.telcocdn.controller;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.common.json.Json;
import org.telcocdn.controller.trigger.Trigger;
import org.telcocdn.controller.trigger.TriggerStore;
import org.telcocdn.controller.trigger.Triggers;
import org.telcocdn.testkit.TestClock;

/** The nightly fill: when it sends, what it picks, and that it sends once a night per site. */
class NightlyPrepositionsTest {
  private static final long MB = 1_000_000;
  @TempDir Path dir;
  private final TestClock clock = TestClock.manual();
  private final AtomicInteger kicks = new AtomicInteger();
  private Path summary;

  @BeforeEach
  void summary() throws Exception {
    summary =
        Files.writeString(
            dir.resolve("summary.json"),
            Json.string(
                Map.of(
                    "topPerSite",
                    Map.of(
                        "s1",
                        List.of(
                            Map.of("id", "a1", "requests", 900),
                            Map.of("id", "big", "requests", 800),
                            Map.of("id", "a2", "requests", 700),
                            Map.of("id", "ghost", "requests", 600),
                            Map.of("id", "Bad_Id", "requests", 500)),
                        "s2",
                        List.of(Map.of("id", "b1", "requests", 10))),
                    "trending",
                    List.of(
                        Map.of("id", "t1", "growth", 5.0), Map.of("id", "a1", "growth", 2.0)))));
  }

  /** A clock at {@code hhmm} UTC on some day. */
  private void at(String hhmm) {
    Instant now = clock.instant();
    Instant target =
        now.atZone(ZoneOffset.UTC)
            .toLocalDate()
            .plusDays(1)
            .atTime(LocalTime.parse(hhmm))
            .toInstant(ZoneOffset.UTC);
    clock.advance(Duration.between(now, target));
  }

  private NightlyPrepositions nightly(Triggers triggers, double share) {
    Map<String, Long> sizes =
        Map.of("a1", 100 * MB, "a2", 100 * MB, "big", 900 * MB, "b1", 10 * MB, "t1", 50 * MB);
    return new NightlyPrepositions(
        new NightlyPrepositions.Settings(LocalTime.of(2, 0), LocalTime.of(6, 0), share, 10),
        summary,
        () -> new java.util.TreeMap<>(Map.of("s1", 1000 * MB, "s2", 1000 * MB)),
        id -> Optional.ofNullable(sizes.get(id)),
        triggers,
        kicks::incrementAndGet,
        clock);
  }

  private Triggers triggers() {
    return new Triggers(
        new TriggerStore(dir.resolve("triggers")), clock, Duration.ofHours(48), 100);
  }

  @Test
  void insideTheWindowEachSiteGetsItsTopAndTrendingTitlesThatFitOnce() {
    Triggers triggers = triggers();
    NightlyPrepositions nightly = nightly(triggers, 0.3);
    at("01:59");
    assertThat(nightly.tick()).as("before the window").isEmpty();
    at("02:30");
    List<String> sent = nightly.tick();
    assertThat(sent).hasSize(2);
    assertThat(kicks).hasValue(1);
    JsonNode s1 = command(triggers, sent.get(0));
    // 300 MB of s1's 1000: a1 and a2 fit, big does not, ghost and Bad_Id are unknown, t1 fits.
    assertThat(s1.path("content.ccid").toString()).isEqualTo("[\"a1\",\"a2\",\"t1\"]");
    assertThat(s1.toString()).contains("\"footprint-value\":[\"s1\"]");
    long end = s1.at("/extensions/1/generic-trigger-extension-value/windows/0/end").asLong();
    assertThat(Instant.ofEpochSecond(end).atZone(ZoneOffset.UTC).toLocalTime())
        .isEqualTo(LocalTime.of(6, 0));
    assertThat(command(triggers, sent.get(1)).path("content.ccid").toString())
        .isEqualTo("[\"b1\",\"t1\",\"a1\"]");

    assertThat(nightly.tick()).as("sent already tonight").isEmpty();
    assertThat(nightly(triggers(), 0.3).tick())
        .as("a restarted controller reads it from the store")
        .isEmpty();
    at("06:00");
    assertThat(nightly.tick()).as("after the window").isEmpty();
    at("03:00");
    assertThat(nightly.tick()).as("the next night").hasSize(2);
  }

  @Test
  void aWindowAcrossMidnightBelongsToTheNightItOpened() {
    Triggers triggers = triggers();
    NightlyPrepositions nightly =
        new NightlyPrepositions(
            new NightlyPrepositions.Settings(LocalTime.of(23, 0), LocalTime.of(5, 0), 0.3, 10),
            summary,
            () -> Map.of("s2", 1000 * MB),
            id -> Optional.of(MB),
            triggers,
            () -> {},
            clock);
    at("23:30");
    assertThat(nightly.tick()).hasSize(1);
    at("01:00");
    assertThat(nightly.tick()).as("the same night, after midnight").isEmpty();
  }

  private static JsonNode command(Triggers triggers, String id) {
    return triggers.get(id).map(Trigger::command).orElseThrow();
  }
}
