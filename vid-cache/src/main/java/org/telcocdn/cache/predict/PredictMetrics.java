package org.telcocdn.cache.predict;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The predictor's counters on the edge's {@code /metrics}: requests folded and dropped, labelled
 * samples and spikes among them, alarms raised, the model version, titles held, rounds by outcome,
 * and the predictor thread's CPU time (what prediction costs this edge, measured where it runs).
 */
public final class PredictMetrics {
  private final Counter folded;
  private final Counter samples;
  private final Counter spikes;
  private final Counter alarms;
  private final AtomicLong version = new AtomicLong(-1);
  private final AtomicLong titles = new AtomicLong();
  private final AtomicLong untracked = new AtomicLong();
  private final EnumMap<RoundOutcome, Counter> rounds = new EnumMap<>(RoundOutcome.class);

  public PredictMetrics(MeterRegistry registry) {
    folded = registry.counter("edge_predict_requests");
    samples = registry.counter("edge_predict_samples");
    spikes = registry.counter("edge_predict_spike_samples");
    alarms = registry.counter("edge_predict_alarms");
    Gauge.builder("edge_predict_model_version", version, AtomicLong::get).register(registry);
    Gauge.builder("edge_predict_titles", titles, AtomicLong::get).register(registry);
    FunctionCounter.builder("edge_predict_untracked_requests", untracked, AtomicLong::get)
        .register(registry);
    for (RoundOutcome o : RoundOutcome.values())
      rounds.put(o, registry.counter("edge_predict_rounds", "outcome", o.label()));
  }

  /** The feed's dropped requests and the predictor thread's CPU time, once both exist. */
  void watch(MeterRegistry registry, DemandFeed feed, PredictorThread thread) {
    FunctionCounter.builder("edge_predict_dropped_requests", feed, DemandFeed::dropped)
        .register(registry);
    FunctionCounter.builder("edge_predict_cpu_seconds", thread, PredictorThread::cpuSeconds)
        .register(registry);
  }

  void folded() {
    folded.increment();
  }

  void sample(boolean spike) {
    samples.increment();
    if (spike) spikes.increment();
  }

  void alarm() {
    alarms.increment();
  }

  void version(long v) {
    version.set(v);
  }

  void titles(int held, long untrackedRequests) {
    titles.set(held);
    untracked.set(untrackedRequests);
  }

  void round(RoundOutcome outcome) {
    rounds.get(outcome).increment();
  }
}
