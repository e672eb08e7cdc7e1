package org.telcocdn.cache.tier;

import java.util.Locale;
import org.telcocdn.common.config.ConfigException;

/**
 * What a vid-cache is in the tiers ({@code edge.tier}): an edge serves viewers and registers with
 * the broker; a regional (mid-tier) cache serves its child edges' fills and no viewer is routed to
 * it.
 */
public enum TierRole {
  EDGE,
  REGIONAL;

  static TierRole parse(String value) {
    try {
      return valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("edge.tier must be edge or regional, was '" + value + "'");
    }
  }
}
