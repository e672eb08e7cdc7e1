package org.telcocdn.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.common.http.JsonHttpClient;
import org.telcocdn.index.IndexCommand.Admission;
import org.telcocdn.index.IndexCommand.ReportHoldings;
import org.telcocdn.testkit.Await;

class IndexClusterTest {
  private static final Duration GENEROUS = Duration.ofSeconds(20);

  @TempDir Path dir;

  @Test
  void committedWrites_areReadableFromEveryFollower() {
    try (IndexCluster cluster = IndexCluster.start(dir, 3);
        IndexClient client = cluster.client()) {
      client.addEdge("edge-1", 1 << 30);
      long version = client.bumpVersion("title-1");
      long[] results =
          client.reportHoldings(
              List.of(
                  new ReportHoldings(
                      "edge-1", List.of(new Admission("title-1", version)), List.of())));
      assertThat(results).containsExactly(1);

      long bound = client.lastCommittedIndex();
      for (IndexServer member : cluster.running()) {
        Await.until(
            GENEROUS,
            member.id() + " to apply " + bound,
            () -> member.status().appliedIndex() >= bound);
        Holding holding = client.holdersFrom("title-1", member.id(), bound);
        assertThat(holding.version()).isEqualTo(version);
        assertThat(holding.holders()).containsExactly("edge-1");
        assertThat(holding.appliedIndex()).isGreaterThanOrEqualTo(bound);
      }
      assertThat(client.holders("title-1").holders()).containsExactly("edge-1");
      assertThat(client.siteView(List.of("edge-1"), List.of()).getFirst().holders())
          .containsExactly("edge-1");

      IndexServer leader = cluster.awaitLeader(GENEROUS);
      MemberStatus status =
          new JsonHttpClient(Duration.ofSeconds(5))
              .get(leader.url() + "/status", MemberStatus.class);
      assertThat(status.id()).isEqualTo(leader.id());
      assertThat(status.role()).isEqualTo("LEADER");
      assertThat(status.pid()).isEqualTo(ProcessHandle.current().pid());
      assertThat(status.members()).extracting(IndexPeer::id).containsExactly("n1", "n2", "n3");
    }
  }

  @Test
  void restartedMember_catchesUpFromTheLeadersSnapshot_afterTheLogWasPurged() {
    try (IndexCluster cluster = IndexCluster.start(dir, 3);
        IndexClient client = cluster.client()) {
      client.bumpVersion("before");
      String follower =
          cluster.running().stream()
              .map(IndexServer::id)
              .filter(id -> !id.equals(cluster.leader().orElseThrow().id()))
              .findFirst()
              .orElseThrow();
      long appliedBeforeStop = cluster.member(follower).status().appliedIndex();
      cluster.stop(follower);

      long last = writeMany(client, 1000);
      IndexServer leader = cluster.awaitLeader(GENEROUS);
      Await.until(
          GENEROUS,
          "the leader to purge its log",
          () -> leader.status().logStartIndex() > appliedBeforeStop + 1);

      IndexServer restarted = cluster.restart(follower);
      long bound = client.lastCommittedIndex();
      Await.until(
          GENEROUS, follower + " to catch up", () -> restarted.status().appliedIndex() >= bound);

      assertThat(restarted.status().snapshotIndex()).isGreaterThan(appliedBeforeStop);
      assertThat(last).isEqualTo(100);
      assertThat(client.holdersFrom("title-9", follower, bound).version()).isEqualTo(last);
      assertThat(client.holdersFrom("before", follower, bound).version()).isEqualTo(1);
    }
  }

  /**
   * Bumps title-0..9 in turn, {@code count} times, 50 requests in flight: returns title-9's last
   * version.
   */
  private static long writeMany(IndexClient client, int count) {
    List<CompletableFuture<long[]>> window = new ArrayList<>();
    long last = 0;
    for (int i = 0; i < count; i++) {
      window.add(client.submitAsync(new IndexCommand.BumpVersion("title-" + (i % 10))));
      if (window.size() == 50 || i == count - 1) {
        window.forEach(CompletableFuture::join);
        window.clear();
      }
    }
    return client.holders("title-9").version();
  }

  @Test
  void memberAddedAndRemovedAtRuntime_groupKeepsCommitting() {
    try (IndexCluster cluster = IndexCluster.start(dir, 3);
        IndexClient client = cluster.client()) {
      client.bumpVersion("title-1");
      IndexServer joiner = cluster.startJoiner("n4");
      List<IndexPeer> four = new ArrayList<>(cluster.member("n1").members());
      four.add(cluster.peers().get(3));
      client.setMembers(four);

      Await.until(
          GENEROUS, "n4 to see the new configuration", () -> joiner.status().members().size() == 4);
      long bound = client.lastCommittedIndex();
      Await.until(GENEROUS, "n4 to catch up", () -> joiner.status().appliedIndex() >= bound);
      assertThat(client.holdersFrom("title-1", "n4", bound).version()).isEqualTo(1);

      String leaving = cluster.leader().orElseThrow().id();
      client.setMembers(four.stream().filter(p -> !p.id().equals(leaving)).toList());
      cluster.stop(leaving);

      assertThat(client.bumpVersion("title-1")).isEqualTo(2);
      IndexServer leader = cluster.awaitLeader(GENEROUS);
      assertThat(leader.status().members())
          .extracting(IndexPeer::id)
          .doesNotContain(leaving)
          .hasSize(3);
    }
  }
}
