package org.telcocdn.cache.allocation;

import java.util.List;

/**
 * One edge's share of a site plan, in the shape pushed to it: titles kept whole, titles kept as
 * prefixes, titles a peer holds. {@code plannedBytes} is what the plan expects it to spend.
 */
public record EdgePlan(
    String edge,
    long capacityBytes,
    long plannedBytes,
    List<String> whole,
    List<String> prefix,
    List<String> elsewhere) {
  public EdgePlan {
    whole = List.copyOf(whole);
    prefix = List.copyOf(prefix);
    elsewhere = List.copyOf(elsewhere);
  }
}
