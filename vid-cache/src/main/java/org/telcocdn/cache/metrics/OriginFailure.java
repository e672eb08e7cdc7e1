package org.telcocdn.cache.metrics;

/** Why a request to an HTTP origin failed, for {@code edge_origin_failures_total{reason}}. */
public enum OriginFailure {
  /** The TCP connection could not be made (refused, unreachable, connect timeout). */
  CONNECT,
  /** No byte arrived for {@code edge.http.read-timeout} while one was awaited. */
  TIMEOUT,
  /**
   * The origin closed or reset the connection before the response ended (including a body shorter
   * than its Content-Length).
   */
  RESET,
  /**
   * What the origin sent is not HTTP/1.1 the edge accepts: a malformed head, or one larger than
   * {@code edge.http.max-header-bytes}.
   */
  PROTOCOL,
  /** The origin answered with a server error (5xx). */
  SERVER_ERROR
}
