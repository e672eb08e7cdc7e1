package org.telcocdn.controller.predict;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code controller_predict_rounds_total}, {@code controller_predict_model_version}, {@code
 * controller_predict_updates_total{outcome}} and {@code controller_predict_actions_total{outcome}}.
 */
final class PredictionMetrics {
  private final Counter rounds;
  private final Counter crossSite;
  private final AtomicLong version = new AtomicLong();
  private final EnumMap<UpdateOutcome, Counter> updates = new EnumMap<>(UpdateOutcome.class);
  private final EnumMap<SpikeAction, Counter> actions = new EnumMap<>(SpikeAction.class);

  PredictionMetrics(MeterRegistry registry) {
    rounds = registry.counter("controller_predict_rounds");
    crossSite = registry.counter("controller_predict_cross_site_reports");
    Gauge.builder("controller_predict_model_version", version, AtomicLong::get).register(registry);
    for (UpdateOutcome o : UpdateOutcome.values())
      updates.put(o, registry.counter("controller_predict_updates", "outcome", o.label()));
    for (SpikeAction a : SpikeAction.values())
      actions.put(a, registry.counter("controller_predict_actions", "outcome", a.label()));
  }

  void round(long newVersion) {
    rounds.increment();
    version.set(newVersion);
  }

  void update(UpdateOutcome outcome, int count) {
    updates.get(outcome).increment(count);
  }

  void crossSiteReport() {
    crossSite.increment();
  }

  void action(SpikeAction action) {
    actions.get(action).increment();
  }
}
