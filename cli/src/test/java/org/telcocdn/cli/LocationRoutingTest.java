package org.telcocdn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.telcocdn.broker.BalancingConfig;
import org.telcocdn.broker.BrokerConfig;
import org.telcocdn.broker.EdgeLoad;
import org.telcocdn.broker.EdgeRegistration;
import org.telcocdn.broker.EdgeRegistry;
import org.telcocdn.broker.EdgeRouter;
import org.telcocdn.broker.RouteDecision;
import org.telcocdn.broker.RouteReason;
import org.telcocdn.broker.RouteRequest;
import org.telcocdn.broker.SessionLoad;
import org.telcocdn.cli.network.Coverage;
import org.telcocdn.common.config.Settings;
import org.telcocdn.testkit.TestClock;

/**
 * Location-aware routing from the topology file: the broker's coverage zones and neighbour order as
 * {@code cdn up} (and the Kubernetes ConfigMap) wire them, fed to the broker's own router.
 */
class LocationRoutingTest {
  /**
   * Three edge sites at unequal distances: edge-b 5 ms round trip from edge-a, edge-c 14 ms (across
   * the core).
   */
  private static final String NETWORK =
      """
      dataDir: data
      linkDefaults:
        ran-edge: {oneWayMs: 2}
        edge-regional: {oneWayMs: 1}
        regional-core: {oneWayMs: 2.5}
        core-cloud: {oneWayMs: 20}
      sites:
        - {name: cloud, kind: cloud}
        - {name: core, kind: core}
        - {name: r1, kind: regional, parents: [cloud]}
        - {name: r2, kind: regional, parents: [cloud]}
        - {name: edge-a, kind: edge, parents: [r1, r2]}
        - {name: edge-b, kind: edge, parents: [r1, r2]}
        - {name: edge-c, kind: edge, parents: [r2, r1]}
      clients:
        - {name: ran-a, attach: edge-a, subnet: 10.100.1.0/24}
        - {name: ran-c, attach: edge-c, subnet: 10.100.3.0/24}
      links:
        - {a: core, b: cloud}
        - {a: r1, b: core}
        - {a: r2, b: core}
        - {a: edge-a, b: r1}
        - {a: edge-b, b: r1, oneWayMs: 1.5}
        - {a: edge-c, b: r2}
      services:
        - {name: meta, role: vid-metadata, port: 8081, controlPort: 7081, site: cloud}
        - {name: origin, role: vid-raw, port: 8090, grpcPort: 9090, site: cloud}
        - {name: client, role: client, port: 8000, controlPort: 7000, site: cloud}
        - {name: broker, role: vid-cache-broker, port: 8080, controlPort: 7080, site: core}
        - {name: ea-1, role: vid-cache, port: 8101, controlPort: 7101, site: edge-a}
        - {name: ea-2, role: vid-cache, port: 8101, controlPort: 7101, site: edge-a}
        - {name: eb-1, role: vid-cache, port: 8101, controlPort: 7101, site: edge-b}
        - {name: ec-1, role: vid-cache, port: 8101, controlPort: 7101, site: edge-c}
      """;

  private final Topology topology = TopologySitesTest.parse(NETWORK);
  private final TestClock clock = TestClock.manual();
  private final EdgeRegistry registry = new EdgeRegistry(Duration.ofSeconds(3), 3, clock);
  private EdgeRouter router;

  @BeforeEach
  void brokerWiredFromTheTopology() {
    Map<String, String> env =
        new Wiring(topology, Path.of("/srv/cdn")).env(topology.named("broker").orElseThrow());
    Map<String, String> settings =
        Map.of(
            "broker.port",
            "0",
            "broker.coverage-zones",
            env.get(Settings.envName("broker.coverage-zones")),
            "broker.site-latencies",
            env.get(Settings.envName("broker.site-latencies")),
            "broker.duress-connections",
            "100");
    router =
        new EdgeRouter(
            registry,
            new SessionLoad(Duration.ofSeconds(30), clock),
            BrokerConfig.from(Settings.of(settings)));
    for (ServiceSpec edge : topology.ofRole(Role.EDGE)) {
      registry.register(
          new EdgeRegistration(
                  edge.name(), topology.url(edge), topology.controlUrl(edge), edge.site(), 1L)
              .validated());
    }
  }

  @Test
  void clientGroupsAreCoverageZonesAndEdgePairsHaveTheirPathsRoundTrip() {
    Coverage coverage = new Coverage(topology.siteNetwork());
    assertThat(coverage.zones()).isEqualTo("10.100.1.0/24=edge-a,10.100.3.0/24=edge-c");
    assertThat(coverage.siteLatencies())
        .isEqualTo("edge-a/edge-b=5ms,edge-a/edge-c=14ms,edge-b/edge-c=15ms");
    assertThat(
            new Wiring(TopologySitesTest.telco(), Path.of("/srv"))
                .env(TopologySitesTest.telco().named("broker").orElseThrow()))
        .containsEntry(
            "CDN_BROKER_COVERAGE_ZONES",
            "10.100.1.0/24=edge-a,10.100.2.0/24=edge-b,10.100.3.0/24=edge-c,10.100.4.0/24=edge-d")
        .as(
            "edges sharing a primary parent (1 ms each) are 2 ms apart one way, the others 1 + 2 ms through either regional site")
        .containsEntry(
            "CDN_BROKER_SITE_LATENCIES",
            "edge-a/edge-b=4ms,edge-a/edge-c=6ms,edge-a/edge-d=6ms,edge-b/edge-c=6ms,edge-b/edge-d=6ms,edge-c/edge-d=4ms");
  }

  @Test
  void viewersGoToTheirOwnSiteThenTheNearestByTheLinks() {
    RouteDecision local = route("v1", "10.100.1.57");
    assertThat(local.edge().site()).isEqualTo("edge-a");
    assertThat(local.reasonHeader()).startsWith("local-site,");
    assertThat(route("v1", "10.100.3.9").edge().name()).isEqualTo("ec-1");

    registry.remove("ea-1");
    registry.remove("ea-2");
    RouteDecision near = route("v2", "10.100.1.57");
    assertThat(near.edge().name()).as("edge-b is 5 ms away, edge-c 14 ms").isEqualTo("eb-1");
    assertThat(near.locality()).isEqualTo(RouteReason.NEIGHBOUR_SITE);
    assertThat(near.alternates()).extracting(e -> e.name()).containsExactly("ec-1");

    registry.remove("eb-1");
    assertThat(route("v3", "10.100.1.57").edge().name()).isEqualTo("ec-1");
  }

  @Test
  void aSaturatedSiteSendsItsViewersToTheNearestNeighbourAndSaysWhy() {
    registry.heartbeat("ec-1", new EdgeLoad(500, 0, 0, 1, false));
    RouteDecision d = route("v1", "10.100.3.9");
    assertThat(d.edge().site()).as("edge-a is 14 ms from edge-c, edge-b 15 ms").isEqualTo("edge-a");
    assertThat(d.reasonHeader()).isEqualTo("neighbour-site,overloaded-skip:ec-1");
  }

  @Test
  void aViewerOutsideEveryZoneIsRoutedOverAllEdgesWithoutALocality() {
    RouteDecision d = route("v1", "192.0.2.7");
    assertThat(d.locality()).isNull();
    assertThat(d.reasonHeader()).isEqualTo("consistent-hash");
  }

  @Test
  void theBrokerOfASitedTopologySeesACutWithin2_5sYetNeeds2_25sOfSilence() {
    Map<String, String> env =
        new Wiring(topology, Path.of("/srv/cdn")).env(topology.named("broker").orElseThrow());
    BalancingConfig probes =
        BrokerConfig.from(
                Settings.of(
                    Map.of(
                        "broker.port",
                        "0",
                        "broker.probe-interval",
                        env.get(Settings.envName("broker.probe-interval")),
                        "broker.probe-misses",
                        env.get(Settings.envName("broker.probe-misses")))))
            .balancing();
    Duration interval = probes.probeInterval();
    // A cut just after a probe went out: the next probe and (misses - 1) more must time out.
    Duration worstDetection =
        interval.multipliedBy(probes.probeMisses()).plus(probes.probeTimeout());
    // An edge silent for less than this cannot collect enough misses in a row (hysteresis).
    Duration silenceForDown =
        interval.multipliedBy(probes.probeMisses() - 1).plus(probes.probeTimeout());
    assertThat(worstDetection).isLessThanOrEqualTo(Duration.ofMillis(2500));
    assertThat(silenceForDown).isGreaterThanOrEqualTo(Duration.ofMillis(2250));
  }

  private RouteDecision route(String video, String client) {
    return router.route(new RouteRequest(video, client, null, null)).orElseThrow();
  }
}
