package org.telcocdn.broker;

/**
 * What an edge reports in each heartbeat ({@code POST /api/edges/{name}/heartbeat}); {@code duress}
 * is the edge's own word that it is overloaded (it also tells players, with CMSD {@code du}).
 */
public record EdgeLoad(
    long activeConnections,
    long egressBytesPerSecond,
    long diskUsedBytes,
    long diskCapacityBytes,
    boolean draining,
    boolean duress) {

  /** Without duress, as an edge that does not report it. */
  public EdgeLoad(
      long activeConnections,
      long egressBytesPerSecond,
      long diskUsedBytes,
      long diskCapacityBytes,
      boolean draining) {
    this(
        activeConnections, egressBytesPerSecond, diskUsedBytes, diskCapacityBytes, draining, false);
  }

  /** The load of an edge that has registered but not yet heartbeated. */
  public static EdgeLoad initial(long diskCapacityBytes) {
    return new EdgeLoad(0, 0, 0, diskCapacityBytes, false, false);
  }
}
