package org.telcocdn.controller;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.telcocdn.cache.allocation.PlacementReason;
import org.telcocdn.cache.allocation.SitePlan;

/**
 * One recompute: every site's plan and what became of each push. Immutable; the latest is served.
 */
record AllocationRound(long generation, Instant computedAt, List<SiteRound> sites) {
  record SiteRound(SitePlan plan, List<SiteEdge> edges, Map<String, PushOutcome> pushes) {}

  static final AllocationRound NONE = new AllocationRound(0, Instant.EPOCH, List.of());

  long duplicatedBytes() {
    return sites.stream().mapToLong(s -> s.plan().duplicatedBytes()).sum();
  }

  int titles(PlacementReason reason) {
    return sites.stream().mapToInt(s -> s.plan().titlesPerReason().get(reason)).sum();
  }
}
