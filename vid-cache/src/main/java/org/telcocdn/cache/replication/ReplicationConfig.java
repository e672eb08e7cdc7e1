package org.telcocdn.cache.replication;

import java.time.Duration;

/**
 * The replication settings of one edge, read with every other key by {@code EdgeConfig.from}
 * (docs/configuration.md, {@code edge.index.*}, {@code edge.replication.*}): with no index peers
 * the edge works alone and none of this package runs.
 */
public record ReplicationConfig(
    String indexPeers,
    Duration reportInterval,
    int factor,
    Duration antiEntropyInterval,
    int hotRequests,
    String sitePeers,
    boolean faultInjection) {

  public boolean enabled() {
    return !indexPeers.isBlank();
  }
}
