package org.telcocdn.cache.tier;

import java.util.Locale;
import org.telcocdn.common.config.ConfigException;

/**
 * What a vid-cache is in the tiers ({@code edge.tier}): an edge serves viewers and registers with
 * the broker; a regional (mid-tier) cache serves its child edges' fills and no viewer is routed to
 * it; the cloud tier, next to the origin, is the top parent (of regional caches, and of edges with
 * no regional parent), the source of prepositioning, and where the broker sends new viewers of a
 * saturated site (docs/continuum.md, "The cloud tier").
 */
public enum TierRole {
  EDGE,
  REGIONAL,
  CLOUD;

  /** A parent of other caches: serves their fills, registers with no broker. */
  public boolean parentTier() {
    return this != EDGE;
  }

  static TierRole parse(String value) {
    try {
      return valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("edge.tier must be edge, regional or cloud, was '" + value + "'");
    }
  }
}
