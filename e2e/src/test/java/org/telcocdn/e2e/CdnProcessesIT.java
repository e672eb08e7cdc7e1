package org.telcocdn.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.testkit.Await;

/**
 * The cdn command as an operator uses it: {@code up -d} starts every service of a topology (the
 * cache index's three members included) as its own OS process, {@code ps --json} finds them, edges
 * register with the broker, and {@code down} leaves nothing running.
 */
class CdnProcessesIT {
  @TempDir Path dir;

  @Test
  void upPsDown_runsEveryServiceAsItsOwnProcessAndStopsThemAll() throws Exception {
    List<Long> pids = new ArrayList<>();
    try (CdnProcesses cdn = new CdnProcesses(dir, "site-a", "site-a", "site-b").up()) {
      Collection<JsonNode> services = cdn.ps().values();
      assertThat(services).hasSize(10);
      services.forEach(s -> pids.add(s.get("pid").asLong()));
      assertThat(services)
          .extracting(s -> s.get("role").asText())
          .containsExactlyInAnyOrder(
              "vid-metadata",
              "vid-cache-broker",
              "vid-raw",
              "vid-cache",
              "vid-cache",
              "vid-cache",
              "client",
              "cache-index",
              "cache-index",
              "cache-index");
      assertThat(services)
          .allSatisfy(
              s -> {
                assertThat(s.get("healthy").asBoolean()).as(s.toString()).isTrue();
                assertThat(s.get("url").asText()).startsWith("http://127.0.0.1:");
                assertThat(s.get("pid").asLong()).isNotEqualTo(ProcessHandle.current().pid());
              });
      String broker = cdn.ps().get("broker").get("url").asText();
      Await.until(
          Duration.ofSeconds(20),
          "three edges UP at the broker",
          () -> Services.upEdges(broker) == 3);
    }
    assertThat(pids)
        .allSatisfy(
            pid ->
                assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                    .as("pid %d alive", pid)
                    .isFalse());
  }
}
