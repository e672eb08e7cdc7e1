package org.telcocdn.cache;

/**
 * How one object request was served. Counted in metrics ({@code edge_requests_total{outcome}}),
 * logged at debug and mapped to {@code X-Cache}.
 */
public enum CacheOutcome {
  /** From the memory tier. */
  HIT_MEMORY(true),
  /** From the disk tier, zero-copy. */
  HIT_DISK(true),
  /** This request started the origin fetch. */
  MISS(false),
  /** Joined a fetch another request had started: no second origin call. */
  COALESCED(false),
  /** The origin does not know the video or object. */
  NOT_FOUND(false),
  /** The origin failed or cannot be reached. */
  ORIGIN_ERROR(false),
  /** The request was refused before any lookup (bad path, bad method). */
  REJECTED(false),
  /** Not an object request: health, metrics, the internal API. Not counted. */
  CONTROL(false);

  private final boolean hit;

  CacheOutcome(boolean hit) {
    this.hit = hit;
  }

  public String header() {
    return hit ? "HIT" : "MISS";
  }
}
