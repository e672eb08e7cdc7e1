package org.telcocdn.cache;

/**
 * When this edge says it is overloaded: at or above {@code edge.duress-connections} open
 * connections, or {@code edge.duress-egress} bytes/s of egress over the last heartbeat interval (0
 * = that check off; both off by default). Under duress the edge tells the broker (heartbeat {@code
 * duress: true}, so new sessions go elsewhere) and players (CMSD-Dynamic {@code du}, CTA-5006, so a
 * CMSD-aware player can move before it stalls); it keeps serving everyone meanwhile.
 */
final class Duress {
  private final long connections;
  private final long egressBytesPerSecond;
  private volatile long lastEgressBytesPerSecond;

  Duress(EdgeConfig.DuressThresholds thresholds) {
    this.connections = thresholds.connections();
    this.egressBytesPerSecond = thresholds.egressBytesPerSecond();
  }

  /** Records the egress rate measured for a heartbeat. */
  void egress(long bytesPerSecond) {
    lastEgressBytesPerSecond = bytesPerSecond;
  }

  /** Whether the edge is under duress with {@code openConnections} open now. */
  boolean under(long openConnections) {
    return (connections > 0 && openConnections >= connections)
        || (egressBytesPerSecond > 0 && lastEgressBytesPerSecond >= egressBytesPerSecond);
  }
}
