package org.telcocdn.cache.prefetch;

import java.util.Locale;

/**
 * What became of one CMCD {@code nor} hint, counted once in {@code edge_prefetch_total{outcome}}.
 * The first three are the hints acted on; the rest were not, with the reason.
 */
public enum PrefetchOutcome {
  /** Fetched in the background and stored: the viewer's next request is a hit. */
  FETCHED,
  /** The background fill failed or was not stored (origin error, disk policy); logged. */
  FAILED,
  /** A fill of that object was already running (a viewer's miss or another hint): joined. */
  COALESCED,
  /** The edge holds the object at the known version already. */
  HELD,
  /** The allocation streams that object and never stores it: prefetching would be waste. */
  NOT_STORED,
  /** {@code edge.prefetch.max-in-flight} prefetches were in flight already. */
  LIMIT,
  /** Half of the edge's fill cap or more was in flight: viewers' misses come first. */
  BUSY,
  /** The request carrying the hint was answered 4xx or 5xx. */
  ERROR_RESPONSE,
  /** The hint is an absolute URL (a scheme or a host): the edge prefetches only its own objects. */
  OTHER_HOST,
  /** The hint leaves the request's title ({@code ..}, another title, outside {@code /videos/}). */
  OUTSIDE_TITLE,
  /** A live channel's object: live objects are not kept in the VOD tiers a prefetch fills. */
  LIVE,
  /** The hint does not decode or is not a path (bad percent-encoding, too long, empty). */
  MALFORMED;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
