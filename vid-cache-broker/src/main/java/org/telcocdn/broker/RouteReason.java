package org.telcocdn.broker;

/**
 * Why a request went to the edge it went to: the closed set recorded in the {@code X-Route-Reason}
 * header, the {@code broker.route.decisions} metric and the logs.
 */
public enum RouteReason {
  /** The first edge clockwise from the video's hash had room: the normal case. */
  CONSISTENT_HASH("consistent-hash"),
  /**
   * The edge owning the video was at its load cap, so the walk went on to the next edge with room.
   */
  SPILL_OVER_BOUND("spill"),
  /** Only one edge is up; hashing had nothing to choose between. */
  ONLY_EDGE("only-edge"),
  /** The viewer's session was already on this edge, and it is still UP and not overloaded. */
  STICKY_SESSION("sticky"),
  /** The ring owner (or a nearer tier's edges) reported duress, so the session went elsewhere. */
  OVERLOADED_SKIP("overloaded-skip"),
  /** Locality: an edge in the client's own site. */
  LOCAL_SITE("local-site"),
  /** Locality: the client's site had no usable edge; the nearest neighbouring site did. */
  NEIGHBOUR_SITE("neighbour-site"),
  /**
   * Locality: neither the client's site nor its neighbours had a usable edge, or its site is
   * unknown.
   */
  ANY_SITE("any-site"),
  /**
   * The cache index says this edge holds the title's current version, and it is in the best
   * locality tier with a usable edge and under its load cap: a hit instead of an origin fetch.
   */
  INDEX_HOLDER("index-holder"),
  /** The policy chosen by {@code broker.policy} is not a hash (round-robin, least-connections). */
  POLICY("policy"),
  /**
   * Every edge of the client's site and of its neighbour sites (every edge, when its site is
   * unknown) was in duress, or the site has not been usable for {@code
   * broker.overflow.recover-after} yet: the session goes to the cloud tier, farther but not failing
   * (docs/continuum.md, "Overflow to the cloud tier").
   */
  OVERFLOW_CLOUD("overflow-cloud");

  private final String label;

  RouteReason(String label) {
    this.label = label;
  }

  /** The lower-case, dashed form used in headers and metric tags. */
  public String label() {
    return label;
  }
}
