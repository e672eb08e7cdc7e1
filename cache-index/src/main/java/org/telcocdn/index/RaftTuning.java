package org.telcocdn.index;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;

/**
 * The Ratis properties of an index member, in one place (the group and the client's properties are
 * {@link IndexGroup}'s, in the client module). Small log segments so that a purge after a snapshot
 * frees something (Ratis only deletes closed segments); snapshots every {@code
 * index.snapshot-threshold} entries; the log purged up to the snapshot, so a member that was down
 * longer than that is sent the snapshot instead of the whole log. Read-only requests use Raft's
 * read index, so they are linearizable.
 */
final class RaftTuning {
  private RaftTuning() {}

  static RaftProperties server(IndexConfig config) {
    RaftProperties p = new RaftProperties();
    RaftServerConfigKeys.setStorageDir(p, List.of(config.storageDir().toFile()));
    String host = config.self().address().substring(0, config.self().address().lastIndexOf(':'));
    GrpcConfigKeys.Server.setHost(p, host);
    GrpcConfigKeys.Server.setPort(p, config.port());
    long timeout = config.electionTimeout().toMillis();
    RaftServerConfigKeys.Rpc.setTimeoutMin(p, TimeDuration.valueOf(timeout, TimeUnit.MILLISECONDS));
    RaftServerConfigKeys.Rpc.setTimeoutMax(
        p, TimeDuration.valueOf(2 * timeout, TimeUnit.MILLISECONDS));
    // DEFAULT would answer sendReadOnly from the leader's state without checking it still leads.
    RaftServerConfigKeys.Read.setOption(p, RaftServerConfigKeys.Read.Option.LINEARIZABLE);
    RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(p, true);
    RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(p, config.snapshotThreshold());
    RaftServerConfigKeys.Snapshot.setRetentionFileNum(
        p, 2); // the default (-1) keeps every snapshot file forever
    RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(p, true);
    RaftServerConfigKeys.Log.setPurgeGap(
        p, (int) Math.min(Integer.MAX_VALUE, Math.max(1, config.snapshotThreshold() / 4)));
    RaftServerConfigKeys.Log.setSegmentSizeMax(p, SizeInBytes.valueOf(config.segmentBytes()));
    RaftServerConfigKeys.Log.setPreallocatedSize(
        p, SizeInBytes.valueOf(Math.min(config.segmentBytes(), 1 << 20)));
    return p;
  }
}
