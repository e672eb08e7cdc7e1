package org.telcocdn.cache.prefetch;

import org.telcocdn.common.config.Settings;

/**
 * CMCD {@code nor} prefetch ({@code edge.prefetch.*}, docs/configuration.md and
 * docs/prediction.md).
 *
 * @param enabled whether a viewer request's {@code nor} hint may start a background fill
 * @param maxInFlight prefetches in flight at most; a hint past them is counted {@code limit}
 */
public record PrefetchConfig(boolean enabled, int maxInFlight) {
  public static final PrefetchConfig DEFAULTS = new PrefetchConfig(true, 16);

  public static PrefetchConfig from(Settings s) {
    return new PrefetchConfig(
        s.bool("edge.prefetch.enabled", DEFAULTS.enabled()),
        s.intValue("edge.prefetch.max-in-flight", DEFAULTS.maxInFlight(), 1, 4096));
  }
}
