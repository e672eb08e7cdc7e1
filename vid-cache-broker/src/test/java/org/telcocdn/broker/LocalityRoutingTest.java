package org.telcocdn.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.telcocdn.common.config.Settings;
import org.telcocdn.testkit.TestClock;

/** Locality tiers, duress, stickiness and the policies, through the router with a test clock. */
class LocalityRoutingTest {
  private final TestClock clock = TestClock.manual();
  private final EdgeRegistry registry = new EdgeRegistry(Duration.ofSeconds(3), 3, clock);

  private EdgeRouter router(Map<String, String> settings) {
    Map<String, String> all =
        new java.util.HashMap<>(
            Map.of(
                "broker.port",
                "0",
                "broker.coverage-zones",
                "10.1.0.0/16=site-a,10.2.0.0/16=site-b,10.2.9.0/24=site-c",
                "broker.site-latencies",
                "site-a/site-b=5ms,site-a/site-c=20ms,site-b/site-c=3ms",
                "broker.duress-connections",
                "100"));
    all.putAll(settings);
    return new EdgeRouter(
        registry,
        new SessionLoad(Duration.ofSeconds(30), clock),
        BrokerConfig.from(Settings.of(all)));
  }

  @Test
  void coverageZonesUseTheLongestPrefix() {
    CoverageZones zones = CoverageZones.parse("10.2.0.0/16=site-b,10.2.9.0/24=site-c");
    assertThat(zones.siteOf("10.2.1.1")).contains("site-b");
    assertThat(zones.siteOf("10.2.9.7")).contains("site-c");
    assertThat(zones.siteOf("192.168.0.1")).isEmpty();
    assertThat(zones.siteOf("::1")).isEmpty();
  }

  @Test
  void localSiteFirstThenNearestNeighbourThenAny() {
    EdgeRouter router = router(Map.of());
    register("a1", "site-a");
    register("b1", "site-b");
    register("c1", "site-c");
    assertThat(route(router, "v1", "10.1.0.5", null).reasonHeader()).startsWith("local-site,");
    assertThat(route(router, "v1", "10.1.0.5", null).edge().name()).isEqualTo("a1");
    assertThat(route(router, "v2", "10.2.9.5", null).edge().name()).isEqualTo("c1");
    assertThat(route(router, "v3", "10.9.9.9", "site-b").edge().name())
        .as("X-Client-Site wins")
        .isEqualTo("b1");

    registry.remove("a1");
    RouteDecision neighbour = route(router, "v4", "10.1.0.5", null);
    assertThat(neighbour.edge().name())
        .as("site-b is 5 ms from site-a, site-c 20 ms")
        .isEqualTo("b1");
    assertThat(neighbour.locality()).isEqualTo(RouteReason.NEIGHBOUR_SITE);
    assertThat(neighbour.alternates()).extracting(Edge::name).containsExactly("c1");
  }

  /**
   * The alternates follow the tiers as the choice does: the client's site, then its neighbours
   * nearest first, then the rest; an overloaded edge only after every usable one, however near.
   */
  @Test
  void alternatesFollowTheTiersWithOverloadedEdgesLast() {
    EdgeRouter router = router(Map.of("broker.alternates", "4"));
    register("a1", "site-a");
    register("a2", "site-a");
    register("b1", "site-b");
    register("c1", "site-c");
    register("x1", "site-x");
    RouteDecision d = route(router, "v1", "10.1.0.5", null);
    String otherLocal = d.edge().name().equals("a1") ? "a2" : "a1";
    assertThat(d.alternates()).extracting(Edge::name).containsExactly(otherLocal, "b1", "c1", "x1");

    registry.heartbeat("b1", new EdgeLoad(500, 0, 0, 1, false));
    RouteDecision busy = route(router, "v2", "10.1.0.5", null);
    String local = busy.edge().name().equals("a1") ? "a2" : "a1";
    assertThat(busy.alternates()).extracting(Edge::name).containsExactly(local, "c1", "x1", "b1");
  }

  @Test
  void overloadedEdgeGetsNoNewSessionsButKeepsNothingSticky() {
    EdgeRouter router = router(Map.of());
    register("a1", "site-a");
    register("a2", "site-a");
    RouteDecision first = route(router, "v1", "10.1.0.5", null);
    String owner = first.edge().name();
    registry.heartbeat(owner, new EdgeLoad(500, 0, 0, 1, false));
    RouteDecision next = route(router, "v1", "10.1.0.6", null);
    assertThat(next.edge().name()).isNotEqualTo(owner);
    assertThat(next.reason()).isEqualTo(RouteReason.OVERLOADED_SKIP);
    assertThat(next.reasonHeader()).isEqualTo("local-site,overloaded-skip:" + owner);
    assertThat(route(router, "v1", "10.1.0.5", null).edge().name())
        .as("the first viewer moves too")
        .isNotEqualTo(owner);

    registry.heartbeat(owner, new EdgeLoad(0, 0, 0, 1, false, true));
    assertThat(route(router, "v1", "10.1.0.7", null).edge().name())
        .as("explicit duress flag")
        .isNotEqualTo(owner);
  }

  @Test
  void sessionStaysOnItsEdgeUntilThatEdgeDrains() {
    EdgeRouter router = router(Map.of("broker.min-load-cap", "1"));
    register("a1", "site-a");
    register("a2", "site-a");
    register("a3", "site-a");
    RouteDecision first =
        router.route(new RouteRequest("hit", "10.1.0.5", "s-1", null)).orElseThrow();
    for (int i = 0; i < 30; i++)
      router.route(new RouteRequest("hit", "10.1.0." + (10 + i), "other-" + i, null));
    RouteDecision again =
        router.route(new RouteRequest("hit", "10.1.0.5", "s-1", null)).orElseThrow();
    assertThat(again.edge().name()).isEqualTo(first.edge().name());
    assertThat(again.reason()).isEqualTo(RouteReason.STICKY_SESSION);

    registry.heartbeat(first.edge().name(), new EdgeLoad(0, 0, 0, 1, true));
    RouteDecision moved =
        router.route(new RouteRequest("hit", "10.1.0.5", "s-1", null)).orElseThrow();
    assertThat(moved.edge().name()).isNotEqualTo(first.edge().name());
    assertThat(moved.reason()).isNotEqualTo(RouteReason.STICKY_SESSION);
  }

  @Test
  void everyPolicyRoutesAndOnlyHashPoliciesKeepATitleTogether() {
    for (RoutingPolicy policy : RoutingPolicy.values()) {
      EdgeRegistry fresh = new EdgeRegistry(Duration.ofSeconds(3), 3, clock);
      for (int i = 1; i <= 4; i++) {
        fresh.register(
            new EdgeRegistration("e" + i, "http://127.0.0.1:9/e" + i, "site-a", 1L).validated());
      }
      EdgeRouter router =
          new EdgeRouter(
              fresh,
              new SessionLoad(Duration.ofSeconds(30), clock),
              BrokerConfig.from(
                  Settings.of(
                      Map.of(
                          "broker.port",
                          "0",
                          "broker.policy",
                          policy.label(),
                          "broker.min-load-cap",
                          "1000"))));
      java.util.Set<String> edgesOfOneTitle = new java.util.HashSet<>();
      for (int i = 0; i < 20; i++) {
        edgesOfOneTitle.add(
            router
                .route(new RouteRequest("title", "c" + i, null, null))
                .orElseThrow()
                .edge()
                .name());
      }
      boolean hashing =
          policy == RoutingPolicy.BOUNDED_LOAD
              || policy == RoutingPolicy.CONSISTENT_HASH
              || policy == RoutingPolicy.RENDEZVOUS;
      assertThat(edgesOfOneTitle).as(policy.label()).hasSize(hashing ? 1 : 4);
    }
  }

  private RouteDecision route(EdgeRouter router, String video, String client, String site) {
    return router.route(new RouteRequest(video, client, null, site)).orElseThrow();
  }

  private void register(String name, String site) {
    registry.register(
        new EdgeRegistration(name, "http://127.0.0.1:9/" + name, site, 1L).validated());
  }
}
