package org.telcocdn.cache;

import org.telcocdn.common.config.Settings;
import org.telcocdn.common.http.ConnectionLimits;

/**
 * What one edge allows hostile or merely numerous clients (docs/security.md, "Limits against
 * hostile clients"): the players' listener's {@link ConnectionLimits}, the fills in flight at once
 * (a miss past them is answered 503 with {@code Retry-After}, so a flood of distinct cold URLs
 * cannot open a stream and hold buffers per URL), and the titles whose version the edge remembers.
 *
 * <p>256 fills: a fill keeps its object's bytes in direct buffers until it is committed, and a 2-s
 * segment of the ladder's top rung (5 Mbit/s video, 128 kbit/s audio) is about 1.3 MB, so 256 fills
 * hold about 330 MiB, what is left of the 1 GiB of direct memory {@code cdn up} gives an edge
 * beside a memory tier of at most half of it. 100,000 titles: a catalogue's worth (the broker keeps
 * as many titles' holders), a few MiB.
 */
public record EdgeLimits(ConnectionLimits connections, int maxFills, int maxTitles) {
  public static final int DEFAULT_MAX_FILLS = 256;
  public static final int DEFAULT_MAX_TITLES = 100_000;

  static EdgeLimits from(Settings s) {
    return new EdgeLimits(
        ConnectionLimits.from(s, "edge", ConnectionLimits.VIEWER_MAX_CONNECTIONS),
        s.intValue("edge.limits.max-fills", DEFAULT_MAX_FILLS, 1, 1_000_000),
        s.intValue("edge.limits.max-titles", DEFAULT_MAX_TITLES, 100, 100_000_000));
  }
}
