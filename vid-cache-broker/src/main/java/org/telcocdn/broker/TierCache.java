package org.telcocdn.broker;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.telcocdn.common.config.ConfigException;

/**
 * A mid-tier (regional) cache the broker sends invalidations to as it does to edges, named in
 * {@code broker.tier-caches}. It never registers (no viewer is routed to it), so the broker learns
 * of it from its configuration: {@code cdn up} lists the topology's regional vid-caches there
 * (docs/topology.md, "Cache tiers"). Without it a deleted or updated title stayed at the regional
 * tier until evicted, and edges could fill the old bytes back from it.
 */
public record TierCache(String name, String controlUrl) {
  static final String KEY = "broker.tier-caches";

  /** {@code name=https://host:port,...}, the form of the edges' {@code edge.parents.primary}. */
  static List<TierCache> parseList(String spec) {
    List<TierCache> caches = new ArrayList<>();
    for (String entry : spec.split(",")) {
      if (entry.isBlank()) continue;
      int eq = entry.indexOf('=');
      if (eq <= 0)
        throw new ConfigException(KEY + " must be name=https://host:port,..., was '" + spec + "'");
      String name = entry.substring(0, eq).strip();
      caches.add(new TierCache(name, controlUrl(entry.substring(eq + 1).strip())));
    }
    if (caches.stream().map(TierCache::name).distinct().count() < caches.size())
      throw new ConfigException(KEY + " names a cache twice: '" + spec + "'");
    return List.copyOf(caches);
  }

  private static String controlUrl(String value) {
    try {
      URI uri = URI.create(value);
      if ("https".equals(uri.getScheme())
          && uri.getHost() != null
          && uri.getPort() > 0
          && (uri.getRawPath() == null || uri.getRawPath().isEmpty())) return value;
    } catch (IllegalArgumentException e) {
      // reported below with the rule
    }
    throw new ConfigException(
        KEY + ": a cache's URL is its control listener, https://host:port, was '" + value + "'");
  }
}
