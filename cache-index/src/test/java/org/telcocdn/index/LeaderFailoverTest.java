package org.telcocdn.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.index.History.Kind;
import org.telcocdn.testkit.Await;

/**
 * Stops the leader while four clients bump and read three titles' versions, then checks the
 * recorded history for linearizability: an acknowledged bump that was lost, a duplicate version or
 * a stale linearizable read would each make it fail. Correctness only: a new leader must come
 * within a generous deadline, but how fast is bench/cache-index/run.sh's to measure
 * (docs/cache-index.md, "Benchmark"), not a test's on a shared machine.
 */
class LeaderFailoverTest {
  private static final int CLIENTS = 4;
  private static final int OPS_PER_PHASE = 40;
  private static final List<String> TITLES = List.of("t0", "t1", "t2");

  @TempDir Path dir;

  @Test
  void killTheLeader_newLeaderElected_andTheHistoryIsLinearizable() throws Exception {
    History history = new History();
    try (IndexCluster cluster = IndexCluster.start(dir, 3)) {
      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger completed = new AtomicInteger();
      List<Thread> clients = new ArrayList<>();
      List<IndexClient> connections = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        IndexClient client = cluster.client();
        connections.add(client);
        clients.add(
            Thread.ofPlatform()
                .name("history-client-" + c)
                .start(() -> run(client, history, stop, completed)));
      }
      Await.until(
          Duration.ofSeconds(30),
          "the clients' first operations",
          () -> completed.get() >= CLIENTS * OPS_PER_PHASE);

      IndexServer oldLeader = cluster.leader().orElseThrow();
      long oldTerm = oldLeader.status().term();
      int beforeKill = completed.get();
      cluster.stop(
          oldLeader.id()); // a graceful close: it snapshots and shuts gRPC down before it is gone
      Await.until(
          Duration.ofSeconds(30),
          "a new leader",
          () -> cluster.leader().filter(l -> l.status().term() > oldTerm).isPresent());

      Await.until(
          Duration.ofSeconds(30),
          "progress after the failover",
          () -> completed.get() >= beforeKill + CLIENTS * OPS_PER_PHASE);
      stop.set(true);
      for (Thread t : clients) t.join(Duration.ofSeconds(30));
      connections.forEach(IndexClient::close);

      assertThat(completed.get()).isGreaterThan(beforeKill);
      try (IndexClient reader = cluster.client()) {
        for (String title : TITLES) {
          long acknowledged =
              history.of(title).stream()
                  .filter(o -> o.kind() == Kind.BUMP && o.completed())
                  .mapToLong(History.Op::output)
                  .max()
                  .orElse(0);
          assertThat(reader.holders(title).version())
              .as("final version of %s", title)
              .isGreaterThanOrEqualTo(acknowledged);
        }
      }
    }
    assertThat(history.ops()).hasSizeGreaterThan(2 * CLIENTS * OPS_PER_PHASE);
    assertThat(VersionLinearizability.violations(history)).isEmpty();
  }

  private static void run(
      IndexClient client, History history, AtomicBoolean stop, AtomicInteger completed) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    while (!stop.get()) {
      String title = TITLES.get(random.nextInt(TITLES.size()));
      Kind kind = random.nextBoolean() ? Kind.BUMP : Kind.READ;
      long invoked = System.nanoTime();
      try {
        long output =
            kind == Kind.BUMP ? client.bumpVersion(title) : client.holders(title).version();
        history.completed(title, kind, invoked, System.nanoTime(), output);
        completed.incrementAndGet();
      } catch (IndexException e) {
        history.unknown(title, kind, invoked);
      }
    }
  }
}
