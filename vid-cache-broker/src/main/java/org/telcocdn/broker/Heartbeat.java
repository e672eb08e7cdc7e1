package org.telcocdn.broker;

import org.telcocdn.common.http.ApiException;

/**
 * The body of {@code POST /api/edges/{name}/heartbeat}. Missing numbers count as 0 and a missing
 * {@code draining} as false, so an edge that reports less than everything still stays up.
 */
public record Heartbeat(
    Long activeConnections,
    Long egressBytesPerSecond,
    Long diskUsedBytes,
    Long diskCapacityBytes,
    Boolean draining,
    Boolean duress) {

  /** The load reported, refusing negative numbers with the field named. */
  public EdgeLoad toLoad() {
    return new EdgeLoad(
        count("activeConnections", activeConnections),
        count("egressBytesPerSecond", egressBytesPerSecond),
        count("diskUsedBytes", diskUsedBytes),
        count("diskCapacityBytes", diskCapacityBytes),
        Boolean.TRUE.equals(draining),
        Boolean.TRUE.equals(duress));
  }

  private static long count(String field, Long value) {
    if (value == null) return 0;
    if (value < 0)
      throw ApiException.badRequest("field " + field + " must not be negative, was " + value);
    return value;
  }
}
