package org.telcocdn.cache.allocation;

/**
 * Why a title is (or is not) on an edge: every placement of a plan carries one, in the controller's
 * logs, its {@code GET /api/allocations} and its metrics.
 */
public enum PlacementReason {
  /**
   * Among the titles with the most requests per byte held: kept whole on every edge, where a copy
   * buys the most local hits (start-up latency, failover, load spread) for its bytes.
   */
  HEAD_REPLICATED,
  /** Kept whole on its rendezvous owner, the one copy of the site. */
  OWNER_WHOLE,
  /** Only its first segments kept, on its rendezvous owner: the rest is watched too rarely. */
  OWNER_PREFIX,
  /** Not stored here: a peer of the site owns it and this edge fills from that peer. */
  PEER_HOLDS,
  /**
   * No room reserved for it anywhere: edges are not told to keep it, so it is served from the
   * origin unless its rendezvous owner's own policy keeps it; the other edges fill from that owner,
   * so the site holds at most one copy of its long tail.
   */
  NO_ROOM
}
