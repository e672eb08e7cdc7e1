package org.telcocdn.broker;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The broker's meters, named once here: routing decisions by reason and edge, decision latency,
 * edges by state, state changes, invalidation deliveries by outcome, and the cache index: holder
 * lookups on the request path, background refreshes, and invalidation commits.
 */
public final class BrokerMetrics {
  private record DecisionKey(String reason, String edge) {}

  private final PrometheusMeterRegistry registry;
  private final Timer decisionLatency;
  // The per-request counters, cached: building and registering a Micrometer id per request cost
  // more allocation than the routing decision itself.
  private final ConcurrentMap<DecisionKey, Counter> decisions = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Counter> lookups = new ConcurrentHashMap<>();

  public BrokerMetrics(PrometheusMeterRegistry registry, EdgeRegistry edges) {
    this.registry = registry;
    this.decisionLatency =
        Timer.builder("broker.route.latency")
            .description("time to choose an edge for one /play request")
            .register(registry);
    for (EdgeState state : EdgeState.values()) {
      Gauge.builder("broker.edges", edges, e -> e.countByState().get(state))
          .tag("state", state.name())
          .description("registered edges by state")
          .register(registry);
    }
    edges.onStateChange(
        (edge, from, to) ->
            Counter.builder("broker.edge.state.changes")
                .tag("to", to == null ? "REMOVED" : to.name())
                .register(registry)
                .increment());
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  public Timer decisionLatency() {
    return decisionLatency;
  }

  public void decided(RouteDecision decision) {
    decisions
        .computeIfAbsent(
            new DecisionKey(decision.reason().label(), decision.edge().name()),
            k ->
                Counter.builder("broker.route.decisions")
                    .description("routing decisions by reason and chosen edge")
                    .tag("reason", k.reason())
                    .tag("edge", k.edge())
                    .register(registry))
        .increment();
  }

  public void noEdge() {
    Counter.builder("broker.route.decisions")
        .tag("reason", "no-edge")
        .tag("edge", "none")
        .register(registry)
        .increment();
  }

  public void invalidation(String outcome) {
    Counter.builder("broker.invalidations")
        .description("invalidation deliveries to edges by outcome")
        .tag("outcome", outcome)
        .register(registry)
        .increment();
  }

  /** A holder lookup while routing: fresh, stale (served while refreshing), expired or unknown. */
  public void indexLookup(String outcome) {
    lookups
        .computeIfAbsent(
            outcome,
            o ->
                Counter.builder("broker.index.lookups")
                    .description("holder lookups while routing, by the age of the cached answer")
                    .tag("outcome", o)
                    .register(registry))
        .increment();
  }

  /**
   * A background refresh of one title's holders: answered by the member, by the leader, or failed.
   */
  public void indexRefresh(String source) {
    Counter.builder("broker.index.refreshes")
        .description("background refreshes of cached holders by who answered")
        .tag("source", source)
        .register(registry)
        .increment();
  }

  /** An invalidation's commit to the index: committed, or unavailable (answered 503). */
  public void indexInvalidation(String outcome) {
    Counter.builder("broker.index.invalidations")
        .description("invalidations committed to the cache index by outcome")
        .tag("outcome", outcome)
        .register(registry)
        .increment();
  }
}
