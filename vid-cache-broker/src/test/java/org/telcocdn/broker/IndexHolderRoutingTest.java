package org.telcocdn.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.telcocdn.common.config.Settings;
import org.telcocdn.testkit.TestClock;

/**
 * The index-holder preference and the broker's cached view of holders, against a fake index at the
 * IndexClient boundary and a manual clock. Refreshes run on the calling thread, after the cached
 * answer was taken: exactly the serve-stale-while-refresh order, without waiting for anything.
 */
class IndexHolderRoutingTest {
  private final TestClock clock = TestClock.manual();
  private final EdgeRegistry registry = new EdgeRegistry(Duration.ofSeconds(3), 3, clock);
  private final FakeTitleIndex index = new FakeTitleIndex();
  private final BrokerMetrics metrics =
      new BrokerMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), registry);

  private HolderView view(Map<String, String> settings) {
    return new HolderView(index, config(settings).index(), clock, Runnable::run, metrics);
  }

  private BrokerConfig config(Map<String, String> settings) {
    Map<String, String> all =
        new HashMap<>(
            Map.of(
                "broker.port",
                "0",
                "broker.index.peers",
                "n1=127.0.0.1:1,n2=127.0.0.1:2,n3=127.0.0.1:3",
                "broker.index.member",
                "n2",
                "broker.site-latencies",
                "site-a/site-b=5ms"));
    all.putAll(settings);
    return BrokerConfig.from(Settings.of(all));
  }

  private EdgeRouter router(Map<String, String> settings, HolderView view) {
    return new EdgeRouter(
        registry, new SessionLoad(Duration.ofSeconds(30), clock), config(settings), view);
  }

  @Test
  void holderOfTheCurrentVersionBeatsTheRingOwner_onceTheViewLearnedOfIt() {
    registerAll("site-a", "a1", "a2", "a3");
    HolderView view = view(Map.of());
    EdgeRouter router = router(Map.of(), view);
    String owner = route(router, "t1", "c1", null).edge().name();
    String other =
        registry.edges().stream()
            .map(Edge::name)
            .filter(n -> !n.equals(owner))
            .findFirst()
            .orElseThrow();
    index.hold("t1", other);

    RouteDecision cached = route(router, "t1", "c2", null);
    assertThat(cached.edge().name())
        .as("within the refresh period the cached (empty) answer holds")
        .isEqualTo(owner);
    assertThat(cached.reason()).isEqualTo(RouteReason.CONSISTENT_HASH);

    clock.advance(Duration.ofSeconds(1));
    route(router, "t1", "c3", null); // served stale, refreshed behind it
    RouteDecision held = route(router, "t1", "c4", null);
    assertThat(held.edge().name()).isEqualTo(other);
    assertThat(held.reason()).isEqualTo(RouteReason.INDEX_HOLDER);
    assertThat(held.reasonHeader()).isEqualTo("index-holder");
    assertThat(held.alternates()).extracting(Edge::name).doesNotContain(other).hasSize(2);
    assertThat(index.memberReads.get()).as("reads go to the configured member").isPositive();
    assertThat(index.leaderReads.get()).isZero();
  }

  @Test
  void localityComesFirst_aHolderInAnotherSiteDoesNotBeatALocalEdge() {
    registerAll("site-a", "a1");
    registerAll("site-b", "b1");
    HolderView view = view(Map.of());
    index.hold("t1", "b1");
    view.refresh("t1");
    EdgeRouter router = router(Map.of(), view);
    RouteDecision local = route(router, "t1", "c1", "site-a");
    assertThat(local.edge().name()).isEqualTo("a1");
    assertThat(local.reasonHeader()).isEqualTo("local-site,consistent-hash");
    assertThat(route(router, "t1", "c2", "site-b").reasonHeader())
        .isEqualTo("local-site,index-holder");
  }

  @Test
  void aHolderAtItsLoadCapIsPassedOver() {
    registerAll("site-a", "a1", "a2", "a3");
    HolderView view = view(Map.of());
    index.hold("t1", "a2");
    view.refresh("t1");
    EdgeRouter router =
        router(Map.of("broker.min-load-cap", "1", "broker.balance-factor", "1.0"), view);
    RouteDecision first = route(router, "t1", "c1", null);
    assertThat(first.edge().name()).isEqualTo("a2");
    assertThat(first.reason()).isEqualTo(RouteReason.INDEX_HOLDER);
    RouteDecision second = route(router, "t1", "c2", null);
    assertThat(second.edge().name()).as("a2 already carries its bounded share").isNotEqualTo("a2");
    assertThat(second.reason()).isNotEqualTo(RouteReason.INDEX_HOLDER);
  }

  @Test
  void aReplicatedTitlesNewSessionsSpreadOverItsHolders_anUnreplicatedOnesStayOnTheFirst() {
    registerAll("site-a", "a1", "a2", "a3");
    HolderView view = view(Map.of());
    index.hold("hot", "a1", "a2", "a3");
    index.assign("hot", "a1", "a2", "a3"); // the site's head, e.g. a predicted spike's title
    index.hold("held", "a1", "a2", "a3");
    view.refresh("hot");
    view.refresh("held");
    EdgeRouter router = router(Map.of(), view);
    Map<String, Integer> hot = new HashMap<>();
    Map<String, Integer> held = new HashMap<>();
    for (int i = 0; i < 6; i++) {
      RouteDecision h = route(router, "hot", "h" + i, "site-a");
      assertThat(h.reason()).isEqualTo(RouteReason.INDEX_HOLDER);
      hot.merge(h.edge().name(), 1, Integer::sum);
    }
    for (int i = 0; i < 6; i++)
      held.merge(route(router, "held", "k" + i, "site-a").edge().name(), 1, Integer::sum);
    assertThat(hot)
        .as("two new sessions on each replica")
        .containsOnly(Map.entry("a1", 2), Map.entry("a2", 2), Map.entry("a3", 2));
    assertThat(held).as("the first holder in the ring's order, under the default cap").hasSize(1);
  }

  @Test
  void roundRobinIgnoresHolders() {
    registerAll("site-a", "a1", "a2", "a3");
    HolderView view = view(Map.of());
    index.hold("t1", "a2");
    view.refresh("t1");
    EdgeRouter router = router(Map.of("broker.policy", "round-robin"), view);
    for (int i = 0; i < 6; i++)
      assertThat(route(router, "t1", "c" + i, null).reason()).isEqualTo(RouteReason.POLICY);
  }

  @Test
  void memberDown_leaderAnswers_bothDown_staleIsServedUntilMaxStale() {
    HolderView view = view(Map.of("broker.index.refresh", "1s", "broker.index.max-stale", "5s"));
    index.hold("t1", "a1");
    index.memberDown = true;
    view.refresh("t1");
    assertThat(view.of("t1")).containsExactly("a1");
    assertThat(index.leaderReads.get()).isEqualTo(1);

    index.leaderDown = true;
    clock.advance(Duration.ofSeconds(2));
    assertThat(view.of("t1")).as("stale, and the refresh behind it failed").containsExactly("a1");
    clock.advance(Duration.ofSeconds(4));
    assertThat(view.of("t1")).as("older than max-stale: unknown").isEmpty();

    index.memberDown = false;
    index.leaderDown = false;
    clock.advance(Duration.ofSeconds(1));
    view.of("t1");
    assertThat(view.of("t1")).containsExactly("a1");
  }

  @Test
  void ownInvalidationEmptiesTheCachedHoldersAtOnce() {
    HolderView view = view(Map.of());
    index.hold("t1", "a1");
    view.refresh("t1");
    assertThat(view.of("t1")).containsExactly("a1");
    long version = index.invalidate("t1").join();
    view.invalidated("t1", version);
    assertThat(view.of("t1")).isEmpty();
    assertThat(version).isEqualTo(1);
  }

  @Test
  void aSilentMember_isGivenUpOnAndSkipped_soTheLeaderAnswers() {
    var refresher = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
    var silence = new java.util.concurrent.CountDownLatch(1);
    try {
      HolderView view = new HolderView(index, config(Map.of()).index(), clock, refresher, metrics);
      index.hold("t1", "a1");
      index.hold("t2", "a2");
      index.memberSilentUntil = silence;
      view.refresh("t1");
      assertThat(view.of("t1"))
          .as("answered by the leader after the member read was given up")
          .containsExactly("a1");
      view.refresh("t2");
      assertThat(view.of("t2")).containsExactly("a2");
      assertThat(index.memberReads.get()).as("the member is skipped while backed off").isEqualTo(1);
      assertThat(index.leaderReads.get()).isEqualTo(2);
    } finally {
      silence.countDown();
      refresher.shutdownNow();
    }
  }

  private RouteDecision route(EdgeRouter router, String video, String client, String site) {
    return router.route(new RouteRequest(video, client, null, site)).orElseThrow();
  }

  private void registerAll(String site, String... names) {
    for (String name : names)
      registry.register(
          new EdgeRegistration(
                  name, "http://127.0.0.1:9/" + name, "http://127.0.0.1:9/" + name, site, 1L)
              .validated());
  }
}
