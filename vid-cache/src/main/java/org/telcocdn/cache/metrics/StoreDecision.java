package org.telcocdn.cache.metrics;

/**
 * Whether an HTTP origin's response may be stored and shared, and if not why (RFC 9111 §3), for
 * {@code edge_http_responses_total{decision}} and the debug log of every fill.
 */
public enum StoreDecision {
  /** Stored, and shared with requests that joined its fill. */
  STORED,
  /** {@code no-store}. */
  NO_STORE,
  /** {@code private} (unqualified): for the one viewer only; a shared cache never stores it. */
  PRIVATE,
  /**
   * The request carried {@code Authorization} and the response no {@code public}, {@code s-maxage}
   * or {@code must-revalidate}.
   */
  AUTHORIZATION,
  /** {@code Vary: *}: no later request can be known to match. */
  VARY_STAR,
  /** {@code must-understand} on a status code the edge does not implement. */
  MUST_UNDERSTAND,
  /**
   * No explicit freshness, and a status code that is not heuristically cacheable (RFC 9110 §15.1).
   */
  NOT_CACHEABLE,
  /** Stale on arrival and without a validator: storing it could never save a fetch. */
  NO_FRESHNESS,
  /** A partial response the edge did not ask for as a slice, or a body other than it said. */
  INCOMPLETE,
  /** Its header lines are too large to keep next to the body (more than 32 KiB). */
  HEADERS_TOO_LARGE
}
