package org.telcocdn.cache.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.telcocdn.cache.storage.DiskTier;
import org.telcocdn.cache.storage.MemoryTier;

/** The edge's counters: one per {@link CacheOutcome}, origin fetches, egress, connections. */
public final class EdgeMetrics {
  private final PrometheusMeterRegistry registry;
  private final Map<CacheOutcome, Counter> outcomes = new EnumMap<>(CacheOutcome.class);
  private final Counter originFetches;
  private final Map<FillSourceKind, Counter> fills = new EnumMap<>(FillSourceKind.class);
  private final Map<PeerFallback, Counter> peerFallbacks = new EnumMap<>(PeerFallback.class);
  private final Map<OriginFailure, Counter> originFailures = new EnumMap<>(OriginFailure.class);
  private final Map<StoreDecision, Counter> storeDecisions = new EnumMap<>(StoreDecision.class);
  private final LongAdder egressBytes = new LongAdder();
  private final AtomicInteger connections = new AtomicInteger();
  private final InFlight inFlight = new InFlight();

  public EdgeMetrics(PrometheusMeterRegistry registry, DiskTier disk, MemoryTier memory) {
    this.registry = registry;
    for (CacheOutcome outcome : CacheOutcome.values()) {
      outcomes.put(
          outcome,
          Counter.builder("edge_requests")
              .description("object requests by caching outcome")
              .tag("outcome", outcome.name())
              .tag("reason", outcome.name().toLowerCase(Locale.ROOT))
              .register(registry));
    }
    for (FillSourceKind kind : FillSourceKind.values()) {
      fills.put(
          kind,
          Counter.builder("edge_fills")
              .description("fills started, by where the bytes come from")
              .tag("source", kind.name())
              .register(registry));
    }
    for (PeerFallback reason : PeerFallback.values()) {
      peerFallbacks.put(
          reason,
          Counter.builder("edge_peer_fallbacks")
              .description("peer fills that went to the origin instead")
              .tag("reason", reason.name())
              .register(registry));
    }
    for (OriginFailure reason : OriginFailure.values()) {
      originFailures.put(
          reason,
          Counter.builder("edge_origin_failures")
              .description("HTTP origin requests that failed, by why")
              .tag("reason", reason.name())
              .register(registry));
    }
    for (StoreDecision decision : StoreDecision.values()) {
      storeDecisions.put(
          decision,
          Counter.builder("edge_http_responses")
              .description(
                  "HTTP origin responses to fills, by whether they were stored (RFC 9111 section 3)")
              .tag("decision", decision.name())
              .register(registry));
    }
    originFetches =
        Counter.builder("edge_origin_fetches")
            .description("origin Fetch calls started")
            .register(registry);
    FunctionCounter.builder("edge_egress_bytes", egressBytes, LongAdder::sum).register(registry);
    Gauge.builder("edge_connections_active", connections, AtomicInteger::get).register(registry);
    Gauge.builder("edge_responses_in_flight", inFlight, InFlight::count).register(registry);
    Gauge.builder("edge_disk_used_bytes", disk, DiskTier::usedBytes).register(registry);
    Gauge.builder("edge_disk_objects", disk, DiskTier::objectCount).register(registry);
    Gauge.builder("edge_disk_open_files", disk, DiskTier::openFileCount).register(registry);
    Gauge.builder("edge_memory_used_bytes", memory, MemoryTier::usedBytes).register(registry);
    Gauge.builder("edge_memory_objects", memory, MemoryTier::objectCount).register(registry);
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  public void outcome(CacheOutcome outcome) {
    outcomes.get(outcome).increment();
  }

  public double count(CacheOutcome outcome) {
    return outcomes.get(outcome).count();
  }

  public void originFetch() {
    originFetches.increment();
  }

  public void fill(FillSourceKind source) {
    fills.get(source).increment();
  }

  public double fills(FillSourceKind source) {
    return fills.get(source).count();
  }

  public void peerFallback(PeerFallback reason) {
    peerFallbacks.get(reason).increment();
  }

  public void originFailure(OriginFailure reason) {
    originFailures.get(reason).increment();
  }

  public double originFailures(OriginFailure reason) {
    return originFailures.get(reason).count();
  }

  public void stored(StoreDecision decision) {
    storeDecisions.get(decision).increment();
  }

  public double decisions(StoreDecision decision) {
    return storeDecisions.get(decision).count();
  }

  public void egress(long bytes) {
    egressBytes.add(bytes);
  }

  public long egressBytes() {
    return egressBytes.sum();
  }

  public AtomicInteger connections() {
    return connections;
  }

  /** Responses started and not yet fully written: what a drain waits for. */
  public InFlight inFlight() {
    return inFlight;
  }
}
