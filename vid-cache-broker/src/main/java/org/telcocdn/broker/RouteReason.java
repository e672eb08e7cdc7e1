package org.telcocdn.broker;

/**
 * Why a request went to the edge it went to: the closed set recorded in the {@code X-Route-Reason}
 * header, the {@code broker.route.decisions} metric and the logs.
 */
public enum RouteReason {
  /** The first edge clockwise from the video's hash had room: the normal case. */
  CONSISTENT_HASH("consistent-hash"),
  /** The edge owning the video was at its load cap, so the walk went on to the next edge with room. */
  SPILL_OVER_BOUND("spill"),
  /** Only one edge is up; hashing had nothing to choose between. */
  ONLY_EDGE("only-edge");

  private final String label;

  RouteReason(String label) {
    this.label = label;
  }

  /** The lower-case, dashed form used in headers and metric tags. */
  public String label() {
    return label;
  }
}
