package org.telcocdn.cache.integrity;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;

/**
 * The integrity counters: peer copies checked and held titles revalidated, each by a closed-enum
 * outcome.
 */
public final class IntegrityMetrics {
  private final Map<IntegrityOutcome, Counter> checks = new EnumMap<>(IntegrityOutcome.class);
  private final Map<RevalidationOutcome, Counter> revalidations =
      new EnumMap<>(RevalidationOutcome.class);

  public IntegrityMetrics(MeterRegistry registry) {
    for (IntegrityOutcome outcome : IntegrityOutcome.values()) {
      checks.put(
          outcome,
          Counter.builder("edge_peer_integrity")
              .description("copies offered by site peers, by what their check found")
              .tag("outcome", outcome.name())
              .register(registry));
    }
    for (RevalidationOutcome outcome : RevalidationOutcome.values()) {
      revalidations.put(
          outcome,
          Counter.builder("edge_revalidations")
              .description("titles held from before a restart, asked of the origin")
              .tag("outcome", outcome.name())
              .register(registry));
    }
  }

  void check(IntegrityOutcome outcome) {
    checks.get(outcome).increment();
  }

  public double checks(IntegrityOutcome outcome) {
    return checks.get(outcome).count();
  }

  void revalidation(RevalidationOutcome outcome) {
    revalidations.get(outcome).increment();
  }

  public double revalidations(RevalidationOutcome outcome) {
    return revalidations.get(outcome).count();
  }
}
