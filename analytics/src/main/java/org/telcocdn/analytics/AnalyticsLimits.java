package org.telcocdn.analytics;

import org.telcocdn.common.config.Settings;
import org.telcocdn.common.http.ConnectionLimits;

/**
 * What analytics allows hostile or merely numerous clients (docs/security.md, "Limits against
 * hostile clients"): its listener's {@link ConnectionLimits}, and how many titles and edges it
 * keeps QoS for (beacons name them, and made-up names must not grow the maps without bound;
 * sessions are capped by {@code analytics.max-sessions}). When a map is full, the tenth with the
 * fewest requests is dropped, so the titles and edges that matter stay. A session lists at most
 * {@link #SESSION_NAMES} titles and as many edges.
 */
public record AnalyticsLimits(ConnectionLimits connections, int maxTitles, int maxEdges) {
  public static final int DEFAULT_MAX_TITLES = 100_000;
  public static final int DEFAULT_MAX_EDGES = 10_000;

  /** A viewer watches a handful of titles from a handful of edges in one session. */
  public static final int SESSION_NAMES = 64;

  static AnalyticsLimits from(Settings s) {
    return new AnalyticsLimits(
        ConnectionLimits.from(s, "analytics", ConnectionLimits.VIEWER_MAX_CONNECTIONS),
        s.intValue("analytics.limits.max-titles", DEFAULT_MAX_TITLES, 10, 100_000_000),
        s.intValue("analytics.limits.max-edges", DEFAULT_MAX_EDGES, 10, 1_000_000));
  }

  static AnalyticsLimits defaults() {
    return new AnalyticsLimits(
        ConnectionLimits.defaults(ConnectionLimits.VIEWER_MAX_CONNECTIONS),
        DEFAULT_MAX_TITLES,
        DEFAULT_MAX_EDGES);
  }
}
