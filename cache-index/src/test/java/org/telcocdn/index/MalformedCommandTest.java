package org.telcocdn.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.proto.RaftProtos.StateMachineLogEntryProto;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.raftlog.LogProtoUtils;
import org.apache.ratis.server.raftlog.RaftLog;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.security.ServiceIdentity;
import org.telcocdn.security.ServiceRoles;
import org.telcocdn.testkit.Await;
import org.telcocdn.testkit.TestCredentials;

/**
 * Bad commands against a real group: one sent by a client that skips {@link IndexClient}'s check is
 * refused by the leader before the log; one that is in the log anyway (appended straight to the
 * leader's Raft log, below every check) is applied as an error on every member, on the first run
 * and again on replay after a restart, and never takes a member down.
 */
class MalformedCommandTest {
  private static final Duration GENEROUS = Duration.ofSeconds(20);

  /**
   * A holdings report whose list claims two billion admissions: would be an OutOfMemoryError if
   * trusted.
   */
  private static final byte[] HUGE_COUNT = {
    3, 0, 6, 'e', 'd', 'g', 'e', '-', '1', 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff
  };

  @TempDir Path dir;

  @Test
  void aCommandThatSkipsTheClientsCheck_isRefusedBeforeTheLog() throws Exception {
    try (IndexCluster cluster = IndexCluster.start(dir, 3);
        IndexClient client = cluster.client();
        RaftClient raw =
            RaftClient.newBuilder()
                .setProperties(IndexGroup.clientProperties())
                .setRaftGroup(IndexGroup.of(cluster.peers()))
                .setParameters(
                    IndexTls.parameters(
                        TestCredentials.shared()
                            .tls(ServiceIdentity.of(ServiceRoles.CONTROLLER, "controller"))))
                .build()) {
      client.bumpVersion("a1");
      IndexServer leader = cluster.awaitLeader(GENEROUS);
      long nextIndex = leader.division().getRaftLog().getNextIndex();

      Throwable refused =
          catchThrowable(
              () -> {
                RaftClientReply reply =
                    raw.io().send(Message.valueOf(ByteString.copyFrom(encodedBump("../../tmp/x"))));
                if (!reply.isSuccess()) throw reply.getException();
              });

      assertThat(refused).isNotNull().hasMessageContaining("video id must match");
      assertThat(leader.division().getRaftLog().getNextIndex()).isEqualTo(nextIndex);
      assertThat(client.bumpVersion("a1")).isEqualTo(2);
    }
  }

  @Test
  void aMalformedEntryInTheLog_isAppliedAsAnError_onTheFirstRunAndOnReplay() throws Exception {
    try (IndexCluster cluster = IndexCluster.start(dir, 3);
        IndexClient client = cluster.client()) {
      client.addEdge("edge-1", 100);
      client.bumpVersion("a1");
      IndexServer leader = cluster.awaitLeader(GENEROUS);
      long malformedAt = appendBelowEveryCheck(leader, HUGE_COUNT);
      client.addEdge("edge-2", 100);
      appendBelowEveryCheck(leader, encodedBump("NOT/AN/ID"));

      long version = client.bumpVersion("a1");
      long committed = client.lastCommittedIndex();
      for (IndexServer member : cluster.running()) {
        Await.until(
            GENEROUS,
            member.id() + " to apply past the malformed entries",
            () -> member.status().appliedIndex() >= committed);
        assertThat(member.rejectedEntries()).isEqualTo(2);
      }
      assertThat(committed).isGreaterThan(malformedAt);
      assertThat(version).isEqualTo(2);

      String restarted = leader.id();
      cluster.stop(restarted);
      forgetSnapshots(
          restarted); // Ratis snapshots on a clean stop; a crash would not, and the whole log
      // replays
      IndexServer again = cluster.restart(restarted);
      Await.until(
          GENEROUS,
          restarted + " to replay its log",
          () -> again.status().appliedIndex() >= committed);

      assertThat(again.rejectedEntries()).isEqualTo(2);
      assertThat(client.holdersFrom("a1", restarted, committed).version()).isEqualTo(2);
      assertThat(client.bumpVersion("a1")).isEqualTo(3);
    }
  }

  /**
   * Appends {@code data} to the leader's Raft log as the next entry of its term, as if a client had
   * sent it unchecked.
   *
   * <p>A Raft log takes one writer at a time ({@code RaftLogSequentialOps}: a second thread gets an
   * IllegalStateException), and the leader writes to it on its own threads too: client requests in
   * {@code appendTransaction}, and after every commit its event processor appends a metadata entry
   * with the commit index. Ratis (3.3.0) does both holding the division's monitor, so this append
   * holds it as well. Without it, the append raced the metadata entry of the write just before (CI,
   * once): the loser was the leader's event processor, whose thread died of the exception, and the
   * leader, still sending heartbeats, never committed again (the next write failed 100 attempts
   * over 164 s). Under the monitor the role, the term and the next index cannot change either.
   */
  private static long appendBelowEveryCheck(IndexServer leader, byte[] data) throws Exception {
    RaftServer.Division division = leader.division();
    RaftLog log = division.getRaftLog();
    StateMachineLogEntryProto write =
        LogProtoUtils.toStateMachineLogEntryProto(
            ClientId.randomId(),
            1,
            StateMachineLogEntryProto.Type.WRITE,
            ByteString.copyFrom(data),
            null);
    long index;
    CompletableFuture<Long> flushed;
    synchronized (division) {
      assertThat(division.getInfo().isLeader()).as(leader.id() + " still the leader").isTrue();
      index = log.getNextIndex();
      flushed =
          log.appendEntry(
              LogProtoUtils.toLogEntryProto(write, division.getInfo().getCurrentTerm(), index));
    }
    flushed.get(); // outside the monitor: the log worker's flush must not wait on this thread
    return index;
  }

  private void forgetSnapshots(String member) throws IOException {
    Path machine = dir.resolve(member).resolve(IndexGroup.ID.getUuid().toString()).resolve("sm");
    try (Stream<Path> files = Files.list(machine)) {
      for (Path file : files.toList()) Files.delete(file);
    }
  }

  /** A BumpVersion as the codec writes it, without its check: tag 1, then the id. */
  private static byte[] encodedBump(String videoId) {
    byte[] id = videoId.getBytes(StandardCharsets.UTF_8);
    byte[] bytes = new byte[3 + id.length];
    bytes[0] = 1;
    bytes[2] = (byte) id.length;
    System.arraycopy(id, 0, bytes, 3, id.length);
    return bytes;
  }
}
