package org.telcocdn.broker;

/** What an edge reports in each heartbeat ({@code POST /api/edges/{name}/heartbeat}). */
public record EdgeLoad(
    long activeConnections,
    long egressBytesPerSecond,
    long diskUsedBytes,
    long diskCapacityBytes,
    boolean draining) {

  /** The load of an edge that has registered but not yet heartbeated. */
  public static EdgeLoad initial(long diskCapacityBytes) {
    return new EdgeLoad(0, 0, 0, diskCapacityBytes, false);
  }
}
