package org.telcocdn.cache.tier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code edge_parent_failures_total{parent, reason}} and {@code edge_parent_fills_total{parent}}: a
 * handful of parents per edge, so the counters are looked up (Micrometer keeps them) rather than
 * held in a map.
 */
public final class ParentMetrics {
  private final MeterRegistry registry;

  public ParentMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void failed(Parent parent, ParentFailure reason) {
    Counter.builder("edge_parent_failures")
        .description("fills a parent cache did not serve, by why")
        .tag("parent", parent.name())
        .tag("reason", reason.name())
        .register(registry)
        .increment();
  }

  void filled(Parent parent) {
    Counter.builder("edge_parent_fills")
        .description("fills served by a parent cache")
        .tag("parent", parent.name())
        .register(registry)
        .increment();
  }

  /**
   * {@code edge_parent_asked_next_total{parent, held}}: {@code parent} asked only-if-cached while
   * the one before it was slow, and whether it held the object.
   */
  void askedNext(Parent parent, boolean held) {
    Counter.builder("edge_parent_asked_next")
        .description("stored copies asked of the next parent while the one before it was slow")
        .tag("parent", parent.name())
        .tag("held", Boolean.toString(held))
        .register(registry)
        .increment();
  }

  /** For tests: stored copies asked of {@code parent} that it {@code held} or not. */
  public double askedNext(String parent, boolean held) {
    Counter c =
        registry
            .find("edge_parent_asked_next")
            .tag("parent", parent)
            .tag("held", Boolean.toString(held))
            .counter();
    return c == null ? 0 : c.count();
  }

  /** For tests: failures of {@code parent} for {@code reason}. */
  public double failures(String parent, ParentFailure reason) {
    Counter c =
        registry
            .find("edge_parent_failures")
            .tag("parent", parent)
            .tag("reason", reason.name())
            .counter();
    return c == null ? 0 : c.count();
  }

  /** For tests: fills {@code parent} served. */
  public double fills(String parent) {
    Counter c = registry.find("edge_parent_fills").tag("parent", parent).counter();
    return c == null ? 0 : c.count();
  }
}
