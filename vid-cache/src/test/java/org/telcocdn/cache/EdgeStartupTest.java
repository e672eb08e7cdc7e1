package org.telcocdn.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.common.config.ConfigException;
import org.telcocdn.common.config.Settings;
import org.telcocdn.testkit.Await;

/**
 * A start-up that fails halfway leaves nothing behind: every thread the edge started has ended, no
 * port is held and no file under its directories is open. The edge here has all its parts: a broker
 * to join, replication (index peers), the access log.
 */
class EdgeStartupTest {
  private static final String NAME = "edge-doomed";

  @TempDir Path dir;
  private FakeOrigin origin;

  @BeforeEach
  void origin() {
    origin = new FakeOrigin();
  }

  @AfterEach
  void stop() {
    origin.close();
  }

  @Test
  void thePortTaken_failsAtTheBind_andClosesEverythingItHadOpened() throws IOException {
    int port;
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      port = taken.getLocalPort();
      Map<String, String> values = edge(Map.of("edge.port", String.valueOf(port)));

      Throwable failed =
          catchThrowable(() -> EdgeServer.start(EdgeConfig.from(Settings.of(values))));

      assertNothingLeftBehind();
      assertThat(failed)
          .isInstanceOf(UncheckedIOException.class)
          .hasMessageContaining(NAME)
          .hasMessageContaining(":" + port);
    }
    try (ServerSocket again = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
      assertThat(again.getLocalPort()).as("nothing of the edge holds the port").isEqualTo(port);
    }
  }

  @Test
  void aBadValueFoundHalfway_failsBeforeTheBind_andClosesWhatWasOpened() throws IOException {
    // Read as a string by EdgeConfig, parsed when replication is composed: after the event loops,
    // the executors, the origin channel and the access log's writer thread exist.
    Map<String, String> values = edge(Map.of("edge.site-peers", "no-equals-sign"));

    Throwable failed = catchThrowable(() -> EdgeServer.start(EdgeConfig.from(Settings.of(values))));

    assertNothingLeftBehind();
    assertThat(failed).isInstanceOf(ConfigException.class).hasMessageContaining("edge.site-peers");
  }

  @Test
  void aNormalCloseLeavesNothingBehindEither() throws IOException {
    EdgeServer edge = EdgeServer.start(EdgeConfig.from(Settings.of(edge(Map.of()))));
    assertThat(EdgeFixture.get(edge, "/health").statusCode()).isEqualTo(200);
    assertThat(edgeThreads()).as("the edge runs on its own threads").isNotEmpty();

    edge.close();

    assertNothingLeftBehind();
  }

  private Map<String, String> edge(Map<String, String> more) {
    Map<String, String> values =
        new HashMap<>(
            Map.of(
                "edge.name",
                NAME,
                "edge.port",
                "0",
                "edge.origin-target",
                origin.target(),
                "edge.broker-url",
                "http://127.0.0.1:1", // a broker nobody answers at: the link keeps trying
                "edge.cache-dir",
                dir.resolve("cache").toString(),
                "edge.access-log.dir",
                dir.resolve("access").toString(),
                "edge.index.peers",
                "n1=127.0.0.1:1",
                "edge.site-peers",
                "edge-other=http://127.0.0.1:1"));
    values.putAll(more);
    return values;
  }

  private void assertNothingLeftBehind() throws IOException {
    Await.until(Duration.ofSeconds(10), "the edge's threads to end", () -> edgeThreads().isEmpty());
    assertThat(openFilesUnder(dir)).isEmpty();
  }

  /**
   * Live threads the edge names after itself: event loops, disk, commit, access log, replication,
   * broker link.
   */
  private static List<String> edgeThreads() {
    Set<Thread> threads = Thread.getAllStackTraces().keySet();
    return threads.stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(name -> name.startsWith(NAME) || name.equals("broker-link-" + NAME))
        .toList();
  }

  /** Files under {@code root} this process holds open, from /proc/self/fd (Linux). */
  private static List<Path> openFilesUnder(Path root) throws IOException {
    Path real = root.toRealPath();
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.map(EdgeStartupTest::target).filter(t -> t != null && t.startsWith(real)).toList();
    }
  }

  private static Path target(Path fd) {
    try {
      return Files.readSymbolicLink(fd);
    } catch (IOException e) {
      return null; // closed since it was listed
    }
  }
}
