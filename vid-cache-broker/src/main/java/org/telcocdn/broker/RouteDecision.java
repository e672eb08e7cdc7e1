package org.telcocdn.broker;

import java.util.List;

/**
 * Where one playback request goes: the edge, the alternates a player may fall back to (best first),
 * and why. {@code reason} is how the edge was picked within its tier (hash, spill, overload skip,
 * sticky...); {@code locality} which tier it came from (null when the client's site is unknown and
 * no locality applied). {@code spilledFrom} names the full or overloaded edge that owned the video,
 * and is null otherwise; for {@link RouteReason#OVERFLOW_CLOUD} it names the saturated site. {@code
 * session} is the key the broker counts this viewer under.
 */
public record RouteDecision(
    Edge edge,
    List<Edge> alternates,
    RouteReason reason,
    String spilledFrom,
    RouteReason locality,
    String session) {
  public RouteDecision {
    alternates = List.copyOf(alternates);
  }

  public RouteDecision(Edge edge, List<Edge> alternates, RouteReason reason, String spilledFrom) {
    this(edge, alternates, reason, spilledFrom, null, null);
  }

  /**
   * The {@code X-Route-Reason} value: {@code consistent-hash}, {@code only-edge}, {@code
   * spill:edge-1-over-bound}, {@code overloaded-skip:edge-1}, prefixed with the locality ({@code
   * local-site,consistent-hash}) when the client's site is known; {@code overflow-cloud:edge-a}
   * (the saturated site) or {@code overflow-cloud} when the session went to the cloud tier.
   */
  public String reasonHeader() {
    String how =
        switch (reason) {
          case SPILL_OVER_BOUND -> "spill:" + spilledFrom + "-over-bound";
          case OVERLOADED_SKIP, OVERFLOW_CLOUD ->
              spilledFrom == null ? reason.label() : reason.label() + ":" + spilledFrom;
          default -> reason.label();
        };
    return locality == null ? how : locality.label() + "," + how;
  }
}
