package org.telcocdn.cache;

import org.telcocdn.common.config.Settings;

/**
 * When this edge says it is overloaded: at or above {@code edge.duress-connections} open
 * connections, or {@code edge.duress-egress} bytes/s of egress over the last heartbeat interval
 * (0 = that check off; both off by default). Under duress the edge tells the broker (heartbeat
 * {@code duress: true}, so new sessions go elsewhere) and players (CMSD-Dynamic {@code du}, CTA-5006,
 * so a CMSD-aware player can move before it stalls); it keeps serving everyone meanwhile.
 *
 * <p>Read from {@link Settings} here rather than EdgeConfig, which belongs to the cache module's
 * own configuration; the keys are documented with the broker's in docs/configuration.md.
 */
public final class Duress {
  private final long connections;
  private final long egressBytesPerSecond;
  private volatile long lastEgressBytesPerSecond;

  public Duress(long connections, long egressBytesPerSecond) {
    this.connections = connections;
    this.egressBytesPerSecond = egressBytesPerSecond;
  }

  public static Duress from(Settings s) {
    return new Duress(s.longValue("edge.duress-connections", 0, 0, Long.MAX_VALUE),
        s.longValue("edge.duress-egress", 0, 0, Long.MAX_VALUE));
  }

  public static Duress off() {
    return new Duress(0, 0);
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
