package org.telcocdn.controller;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;
import org.telcocdn.cache.allocation.PlacementReason;
import org.telcocdn.common.metrics.Metrics;

/**
 * The controller's metrics: {@code controller_plan_generation}, {@code controller_titles{reason}}
 * and {@code controller_duplicated_bytes} of the current plan (all sites), {@code
 * controller_pushes_total{outcome}} (failures are the non-PUSHED outcomes), {@code
 * controller_rounds_total{outcome=ok|failed}}.
 */
final class ControllerMetrics {
  final PrometheusMeterRegistry registry = Metrics.registry("controller", "controller");
  private final Map<PushOutcome, Counter> pushes = new EnumMap<>(PushOutcome.class);
  private final Counter roundsOk;
  private final Counter roundsFailed;

  ControllerMetrics(Supplier<AllocationRound> current) {
    for (PushOutcome o : PushOutcome.values()) {
      pushes.put(
          o,
          Counter.builder("controller_pushes_total").tag("outcome", o.name()).register(registry));
    }
    roundsOk = Counter.builder("controller_rounds_total").tag("outcome", "ok").register(registry);
    roundsFailed =
        Counter.builder("controller_rounds_total").tag("outcome", "failed").register(registry);
    Gauge.builder("controller_plan_generation", () -> current.get().generation())
        .register(registry);
    Gauge.builder("controller_duplicated_bytes", () -> current.get().duplicatedBytes())
        .register(registry);
    for (PlacementReason r : PlacementReason.values()) {
      Gauge.builder("controller_titles", () -> current.get().titles(r))
          .tag("reason", r.name())
          .register(registry);
    }
  }

  void pushed(PushOutcome outcome) {
    pushes.get(outcome).increment();
  }

  void round(boolean ok) {
    (ok ? roundsOk : roundsFailed).increment();
  }
}
