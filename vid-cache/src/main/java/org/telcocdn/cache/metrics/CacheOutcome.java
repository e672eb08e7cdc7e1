package org.telcocdn.cache.metrics;

import io.netty.util.AsciiString;

/**
 * How one object request was served. Counted in metrics ({@code edge_requests_total{outcome}}),
 * logged at debug and mapped to {@code X-Cache}.
 */
public enum CacheOutcome {
  /** From the memory tier. */
  HIT_MEMORY("HIT"),
  /** From the disk tier, zero-copy. */
  HIT_DISK("HIT"),
  /** This request started the origin fetch. */
  MISS("MISS"),
  /**
   * This request started a fill from a site peer that held the object (docs/replication.md): no
   * origin call.
   */
  PEER("PEER"),
  /** A site peer's only-if-cached fill, served from this edge's tiers. */
  TO_PEER("HIT"),
  /** Joined a fetch another request had started: no second origin call. */
  COALESCED("MISS"),
  /** An HTTP origin confirmed the stored copy (304): served with its refreshed headers. */
  REVALIDATED("REVALIDATED"),
  /**
   * A stored copy past its freshness: inside its {@code stale-while-revalidate} window (a refresh
   * runs meanwhile), or because the origin failed where RFC 9111 §4.2.4 and RFC 5861 allow it.
   */
  STALE("STALE"),
  /**
   * Not for the cache (an unsafe method, a response that may not be stored or shared): passed to
   * the origin and back.
   */
  PASS("PASS"),
  /** The origin does not know the video or object. */
  NOT_FOUND("MISS"),
  /** The origin failed or cannot be reached. */
  ORIGIN_ERROR("MISS"),
  /** The request was refused before any lookup (bad path, bad method). */
  REJECTED("MISS"),
  /** Not an object request: health, metrics, the internal API. Not counted. */
  CONTROL("MISS");

  private final String header;
  private final AsciiString headerValue;

  CacheOutcome(String header) {
    this.header = header;
    this.headerValue = AsciiString.cached(header);
  }

  public String header() {
    return header;
  }

  /** {@link #header()} as Netty encodes it fastest, for every response. */
  public AsciiString headerValue() {
    return headerValue;
  }
}
