package org.telcocdn.controller.trigger;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.telcocdn.common.config.ConfigException;

/**
 * The cache tiers above the edges, by name ({@code controller.cache-tiers}: {@code NAME=TIER,...},
 * TIER {@code regional} or {@code cloud}; {@code cdn up} wires it from a topology's regional and
 * cloud sites). The controller is told rather than finding out: in the cache index a tier cache
 * registers as an edge does (docs/replication.md, "Tier caches in the index"), and with the broker
 * it never registers, so neither says which names are tier caches nor of which tier.
 */
public record CacheTiers(Map<String, String> byName) {
  static final String KEY = "controller.cache-tiers";
  static final Set<String> TIERS = Set.of("regional", "cloud");

  public static final CacheTiers NONE = new CacheTiers(Map.of());

  public CacheTiers {
    byName = Collections.unmodifiableMap(new TreeMap<>(byName));
  }

  /** {@code NAME=TIER,...}; empty = none. */
  public static CacheTiers parse(String value) {
    Map<String, String> tiers = new TreeMap<>();
    for (String part : value.split(",")) {
      if (part.isBlank()) continue;
      String[] nameTier = part.trim().split("=", -1);
      if (nameTier.length != 2 || nameTier[0].isBlank() || !TIERS.contains(nameTier[1])) {
        throw new ConfigException(
            KEY + " must be NAME=TIER,... with TIER regional or cloud; was '" + part.trim() + "'");
      }
      if (tiers.put(nameTier[0], nameTier[1]) != null)
        throw new ConfigException(KEY + " names " + nameTier[0] + " twice");
    }
    return new CacheTiers(tiers);
  }
}
