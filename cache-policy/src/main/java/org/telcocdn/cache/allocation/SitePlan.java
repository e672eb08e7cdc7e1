package org.telcocdn.cache.allocation;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The allocation of one site: where each title goes and, derived from it, what each edge is told.
 * {@code duplicatedBytes} is what the plan itself stores more than once (the head's prefixes on the
 * edges that do not own it).
 */
public record SitePlan(String site, List<EdgePlan> edges, List<TitlePlacement> titles) {
  public SitePlan {
    edges = List.copyOf(edges);
    titles = List.copyOf(titles);
  }

  public Map<PlacementReason, Integer> titlesPerReason() {
    Map<PlacementReason, Integer> counts = new EnumMap<>(PlacementReason.class);
    for (PlacementReason r : PlacementReason.values()) counts.put(r, 0);
    for (TitlePlacement t : titles) counts.merge(t.reason(), 1, Integer::sum);
    return counts;
  }

  public long duplicatedBytes() {
    long copies = titles.stream().mapToLong(TitlePlacement::copyBytes).sum();
    return copies * Math.max(0, edges.size() - 1);
  }

  public long plannedBytes() {
    return edges.stream().mapToLong(EdgePlan::plannedBytes).sum();
  }

  public EdgePlan edge(String name) {
    return edges.stream().filter(e -> e.edge().equals(name)).findFirst().orElse(null);
  }
}
