package org.telcocdn.cache.metrics;

/** Why a peer fill went to the origin after all ({@code edge_peer_fallbacks_total{reason}}). */
public enum PeerFallback {
  /** The peer answered 404: it no longer holds the object (evicted since the index was read). */
  NOT_CACHED,
  /** The peer's copy is older than the version this edge knows. */
  STALE,
  /**
   * The peer could not be reached, timed out, answered an error, or stalled or cut its body short.
   */
  UNREACHABLE,
  /**
   * The peer's copy did not pass its check against the origin's manifest, or could not be checked;
   * {@code edge_peer_integrity_total{outcome}} says which.
   */
  UNVERIFIED
}
