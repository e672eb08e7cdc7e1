package org.telcocdn.index;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.util.TimeDuration;

/**
 * The Raft group of the cache index as clients and members both name it, and the client's Ratis
 * properties. The members' own properties (storage, snapshots, elections) are the server's {@code
 * RaftTuning}, in module cache-index.
 */
public final class IndexGroup {
  /** Every index member and client talks about this one group. */
  public static final RaftGroupId ID =
      RaftGroupId.valueOf(
          UUID.nameUUIDFromBytes("telcocdn-cache-index".getBytes(StandardCharsets.UTF_8)));

  private IndexGroup() {}

  public static RaftGroup of(List<IndexPeer> peers) {
    return RaftGroup.valueOf(ID, peers.stream().map(IndexPeer::toRaft).toList());
  }

  static RaftProperties clientProperties() {
    RaftProperties p = new RaftProperties();
    RaftClientConfigKeys.Rpc.setRequestTimeout(p, TimeDuration.valueOf(3, TimeUnit.SECONDS));
    return p;
  }
}
