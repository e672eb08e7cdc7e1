package org.telcocdn.controller.trigger;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The cache tiers' part of a preposition's progress (docs/continuum.md, "The tiers' part"), read
 * from what exists rather than modelled: per tier cache, its tier, the objects and bytes it sent
 * the trigger's units itself (their edges' word, {@code sources} and {@code sourceBytes} under
 * {@code parent:NAME}), and which of the trigger's titles the cache index says it holds at the
 * current version. A cache that only filled another tier (the cloud tier under the regional caches)
 * sent the units nothing itself: its part shows in what it holds.
 */
final class TierProgress {
  private static final String PARENT = "parent:";

  private final CacheTiers tiers;
  private final TitleHolders index;

  TierProgress(CacheTiers tiers, TitleHolders index) {
    this.tiers = tiers;
    this.index = index;
  }

  /**
   * Every configured tier cache and every parent a unit names, by name; empty when there are none.
   */
  Map<String, Object> of(List<Unit> units) {
    Map<String, long[]> served = served(units);
    TreeMap<String, Object> out = new TreeMap<>();
    if (served.isEmpty() && tiers.byName().isEmpty()) return out;
    List<String> titles = units.stream().map(Unit::videoId).distinct().sorted().toList();
    Optional<Map<String, List<String>>> holders =
        titles.isEmpty() ? Optional.empty() : index.of(titles);
    for (String name : names(served)) {
      Map<String, Object> cache = new LinkedHashMap<>();
      // A parent an edge named but not listed in controller.cache-tiers: a tier cache of unknown
      // tier.
      cache.put("tier", tiers.byName().getOrDefault(name, "parent"));
      long[] sent = served.getOrDefault(name, new long[2]);
      cache.put("objectsServed", sent[0]);
      cache.put("bytesServed", sent[1]);
      holders.ifPresent(h -> cache.put("titlesHeld", held(name, titles, h)));
      out.put(name, cache);
    }
    return out;
  }

  /** Per parent the units named: objects and bytes it sent them. */
  private static Map<String, long[]> served(List<Unit> units) {
    Map<String, long[]> served = new TreeMap<>();
    for (Unit u : units) {
      u.sources()
          .forEach(
              (source, objects) -> {
                if (!source.startsWith(PARENT)) return;
                long[] sent =
                    served.computeIfAbsent(source.substring(PARENT.length()), n -> new long[2]);
                sent[0] += objects;
                sent[1] += u.sourceBytes().getOrDefault(source, 0L);
              });
    }
    return served;
  }

  private TreeSet<String> names(Map<String, long[]> served) {
    TreeSet<String> names = new TreeSet<>(tiers.byName().keySet());
    names.addAll(served.keySet());
    return names;
  }

  private static List<String> held(
      String name, List<String> titles, Map<String, List<String>> holders) {
    return titles.stream().filter(t -> holders.getOrDefault(t, List.of()).contains(name)).toList();
  }
}
