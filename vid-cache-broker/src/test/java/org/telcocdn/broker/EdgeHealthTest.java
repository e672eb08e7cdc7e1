package org.telcocdn.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.telcocdn.testkit.TestClock;

/** Probe misses, recovery and the warm-up ramp, with the clock in the test's hands. */
class EdgeHealthTest {
  private final TestClock clock = TestClock.manual();
  private final EdgeRegistry registry = new EdgeRegistry(Duration.ofSeconds(3), 3, clock);
  private final BalancingConfig balancing = BalancingConfig.defaults();
  private final EdgeRouter router =
      new EdgeRouter(
          registry,
          new SessionLoad(Duration.ofSeconds(30), clock),
          new BrokerConfig("127.0.0.1", 0, Duration.ofSeconds(3), 1.25, 160, 2, 4, balancing));

  @Test
  void downOnlyAfterTheConfiguredNumberOfConsecutiveMisses() {
    registry.register(registration("edge-1"));
    registry.probed("edge-1", false);
    registry.probed("edge-1", false);
    assertThat(state("edge-1")).isEqualTo(EdgeState.UP);
    registry.probed("edge-1", true);
    registry.probed("edge-1", false);
    registry.probed("edge-1", false);
    assertThat(state("edge-1")).as("a success resets the count").isEqualTo(EdgeState.UP);
    registry.probed("edge-1", false);
    assertThat(state("edge-1")).isEqualTo(EdgeState.DOWN);
    assertThat(router.route("abc", "c1")).isEmpty();
  }

  @Test
  void heartbeatsDoNotReviveAnEdgeTheProbesHoldDown() {
    registry.register(registration("edge-1"));
    for (int i = 0; i < 3; i++) registry.probed("edge-1", false);
    registry.heartbeat("edge-1", new EdgeLoad(0, 0, 0, 1, false));
    assertThat(state("edge-1")).isEqualTo(EdgeState.DOWN);
    registry.probed("edge-1", true);
    assertThat(state("edge-1")).isEqualTo(EdgeState.UP);
  }

  @Test
  void recoveredEdgeWarmsUpOverTheConfiguredPeriod() {
    registry.register(registration("edge-1"));
    assertThat(edge("edge-1").warmth(clock.instant(), balancing.warmUp()))
        .as("a fresh edge starts at full share")
        .isEqualTo(1.0);
    clock.advance(Duration.ofSeconds(4));
    registry.sweep();
    assertThat(state("edge-1")).isEqualTo(EdgeState.DOWN);
    registry.heartbeat("edge-1", new EdgeLoad(0, 0, 0, 1, false));
    assertThat(state("edge-1")).isEqualTo(EdgeState.UP);
    assertThat(edge("edge-1").warmth(clock.instant(), balancing.warmUp())).isEqualTo(0.1);
    clock.advance(balancing.warmUp().dividedBy(2));
    assertThat(edge("edge-1").warmth(clock.instant(), balancing.warmUp())).isEqualTo(0.5);
    clock.advance(balancing.warmUp());
    assertThat(edge("edge-1").warmth(clock.instant(), balancing.warmUp())).isEqualTo(1.0);
  }

  @Test
  void warmingEdgeTakesOnlyItsShareOfNewSessions() {
    registry.register(registration("edge-1"));
    registry.register(registration("edge-2"));
    for (int i = 0; i < 3; i++) registry.probed("edge-2", false);
    for (int i = 0; i < 3; i++) registry.probed("edge-2", true);
    assertThat(state("edge-2")).isEqualTo(EdgeState.UP);
    Map<String, Integer> early = spread("early", 40);
    clock.advance(balancing.warmUp());
    registry.heartbeat("edge-1", new EdgeLoad(0, 0, 0, 1, false));
    registry.heartbeat("edge-2", new EdgeLoad(0, 0, 0, 1, false));
    Map<String, Integer> later = spread("later", 40);
    assertThat(early.getOrDefault("edge-2", 0))
        .as("while warming: %s, warm: %s", early, later)
        .isLessThan(later.getOrDefault("edge-2", 0));
  }

  private Map<String, Integer> spread(String prefix, int sessions) {
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < sessions; i++) {
      RouteDecision d =
          router
              .route(new RouteRequest(prefix + i, "10.0.0.1", prefix + "-sid-" + i, null))
              .orElseThrow();
      counts.merge(d.edge().name(), 1, Integer::sum);
    }
    return counts;
  }

  private Edge edge(String name) {
    return registry.edge(name).orElseThrow();
  }

  private EdgeState state(String name) {
    return registry.edges().stream()
        .filter(e -> e.name().equals(name))
        .findFirst()
        .orElseThrow()
        .state();
  }

  private static EdgeRegistration registration(String name) {
    return new EdgeRegistration(name, "http://127.0.0.1:9/" + name, "site-a", 100L).validated();
  }
}
