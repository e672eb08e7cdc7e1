package org.telcocdn.broker;

import java.util.List;

/**
 * Where one playback request goes: the edge, the alternates a player may fall back to (best first),
 * and why. {@code spilledFrom} names the full edge that owned the video when the reason is
 * {@link RouteReason#SPILL_OVER_BOUND}, and is null otherwise.
 */
public record RouteDecision(Edge edge, List<Edge> alternates, RouteReason reason, String spilledFrom) {
  public RouteDecision {
    alternates = List.copyOf(alternates);
  }

  /** The {@code X-Route-Reason} value: {@code consistent-hash}, {@code only-edge} or {@code spill:edge-1-over-bound}. */
  public String reasonHeader() {
    return reason == RouteReason.SPILL_OVER_BOUND ? "spill:" + spilledFrom + "-over-bound" : reason.label();
  }
}
