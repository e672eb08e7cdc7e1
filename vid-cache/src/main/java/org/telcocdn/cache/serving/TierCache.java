package org.telcocdn.cache.serving;

/**
 * The {@code X-Cache} of a response that came through tiers (docs/http-origins.md, "Tiers"): this
 * edge's outcome first, then each tier above it that said what it did, as {@code OUTCOME from
 * NAME}: {@code MISS, HIT from regional-1}. A parent cache is an HTTP origin like any other; its
 * own {@code X-Cache} (outcome first, then its parents) and {@code X-Served-By} are read from its
 * response. A hit at this edge names only this edge: the tiers above were not asked.
 */
final class TierCache {
  private TierCache() {}

  static String compose(String own, String upstreamCache, String upstreamServedBy) {
    if (upstreamCache == null || upstreamCache.isBlank()) return own;
    int comma = upstreamCache.indexOf(',');
    String first = (comma < 0 ? upstreamCache : upstreamCache.substring(0, comma)).strip();
    String rest = comma < 0 ? "" : upstreamCache.substring(comma);
    String named =
        first.contains(" from ") || upstreamServedBy == null
            ? first
            : first + " from " + upstreamServedBy.strip();
    return own + ", " + named + rest;
  }
}
