package org.telcocdn.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.testkit.Await;

class SupervisorIT {
  @TempDir Path dir;

  @Test
  void startsAHealthyChildAndStopsItWithItsDescendants() {
    try (Children children = new Children()) {
      Launch launch = children.launch(dir, "dummy", "child");
      Process process = children.start(launch);
      String url = Children.awaitUrl(launch.log());
      children.supervisor.awaitHealthy(process, withUrl(launch, url), Duration.ofSeconds(30));
      Await.until(
          Duration.ofSeconds(30),
          "the grandchild",
          () -> process.descendants().findAny().isPresent());
      List<ProcessHandle> tree = process.descendants().toList();

      children.supervisor.stop(List.of(process.toHandle()));

      assertThat(process.isAlive()).isFalse();
      assertThat(tree).noneMatch(ProcessHandle::isAlive);
      assertThat(new HealthProbe().healthy(url)).isFalse();
    }
  }

  @Test
  void aChildThatExitsFailsTheWaitNamingItsLog() {
    try (Children children = new Children()) {
      Launch launch = children.launch(dir, "quitter", "exit", "3");
      Process process = children.start(launch);

      assertThatThrownBy(
              () ->
                  children.supervisor.awaitHealthy(
                      process, withUrl(launch, "http://127.0.0.1:9"), Duration.ofSeconds(60)))
          .isInstanceOf(CliException.class)
          .hasMessageContaining(
              "quitter exited with code 3 before it was healthy: dummy refuses to start")
          .hasMessageContaining(launch.log().toString());
      assertThat(Children.read(launch.log())).contains("dummy refuses to start");
    }
  }

  @Test
  void aChildThatNeverGetsHealthyTimesOut() {
    try (Children children = new Children()) {
      Launch launch = children.launch(dir, "silent");
      Process process = children.start(launch);

      assertThatThrownBy(
              () ->
                  children.supervisor.awaitHealthy(
                      process, withUrl(launch, "http://127.0.0.1:9"), Duration.ofMillis(300)))
          .isInstanceOf(CliException.class)
          .hasMessageContaining("silent was not healthy at http://127.0.0.1:9/health")
          .hasMessageContaining("read " + launch.log());
    }
  }

  private static Launch withUrl(Launch launch, String url) {
    return new Launch(launch.name(), launch.command(), launch.env(), launch.log(), url);
  }
}
