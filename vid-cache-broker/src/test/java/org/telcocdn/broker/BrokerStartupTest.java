package org.telcocdn.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.telcocdn.common.config.Settings;
import org.telcocdn.testkit.Await;

/**
 * A broker whose port is taken fails at the bind, its last step, and closes what it had opened: the
 * index client, the fan-out and sweep executors, the HTTP server's event loops. A normal close
 * leaves nothing either.
 */
class BrokerStartupTest {
  /**
   * The broker's own threads: HTTP event loops and handlers, sweeps, probes, index refreshes,
   * fan-out, nice.
   */
  private static final List<String> PREFIXES =
      List.of(
          "vid-cache-broker-",
          "broker-",
          "probe-",
          "index-refresh-",
          "invalidate-",
          "background-nice");

  @Test
  void thePortTaken_failsAtTheBind_andLeavesNoThreadBehind() throws IOException {
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    int port;
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      port = taken.getLocalPort();
      Settings settings =
          Settings.of(
              Map.of("broker.port", String.valueOf(port), "broker.index.peers", "n1=127.0.0.1:1"));

      Throwable failed = catchThrowable(() -> BrokerServer.start(BrokerConfig.from(settings)));

      Await.until(
          Duration.ofSeconds(10),
          "the broker's threads to end",
          () -> newBrokerThreads(before).isEmpty());
      assertThat(failed)
          .isInstanceOf(UncheckedIOException.class)
          .hasMessageContaining("vid-cache-broker")
          .hasMessageContaining(":" + port);
    }
    try (ServerSocket again = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
      assertThat(again.getLocalPort()).as("nothing of the broker holds the port").isEqualTo(port);
    }
  }

  @Test
  void aNormalCloseLeavesNoThreadBehind() {
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    BrokerServer broker = BrokerServer.start(BrokerConfig.forTests());
    assertThat(newBrokerThreads(before)).as("the broker runs on its own threads").isNotEmpty();

    broker.close();

    Await.until(
        Duration.ofSeconds(10),
        "the broker's threads to end",
        () -> newBrokerThreads(before).isEmpty());
  }

  private static List<String> newBrokerThreads(Set<Thread> before) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && !before.contains(t))
        .map(Thread::getName)
        .filter(name -> PREFIXES.stream().anyMatch(name::startsWith))
        .toList();
  }
}
