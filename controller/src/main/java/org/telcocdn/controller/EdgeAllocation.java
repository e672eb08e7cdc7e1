package org.telcocdn.controller;

import java.util.List;
import org.telcocdn.cache.allocation.EdgePlan;

/**
 * The body of {@code POST {edge}/internal/allocation} (docs/contracts.md): titles kept whole,
 * titles kept only as their first {@code prefix.segments} segments, titles a site peer holds (fill
 * from it, do not store). A title in none of the lists is the edge's own policy's business.
 */
record EdgeAllocation(
    long generation,
    String edge,
    long capacityBytes,
    List<String> whole,
    Prefix prefix,
    List<String> elsewhere) {
  record Prefix(int segments, List<String> videoIds) {}

  static EdgeAllocation of(long generation, EdgePlan plan, int prefixSegments) {
    return new EdgeAllocation(
        generation,
        plan.edge(),
        plan.capacityBytes(),
        plan.whole(),
        new Prefix(prefixSegments, plan.prefix()),
        plan.elsewhere());
  }
}
