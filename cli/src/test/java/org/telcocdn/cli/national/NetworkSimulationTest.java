package org.telcocdn.cli.national;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.telcocdn.cli.national.NationalNetwork.EdgeSite;
import org.telcocdn.cli.national.NationalNetwork.Region;
import org.telcocdn.cli.national.NationalNetwork.Viewers;
import org.telcocdn.cli.network.NodeKind;

/**
 * {@code cdn sim-network} on a small day: the network it generates, the routing, and what the tiers
 * count.
 */
class NetworkSimulationTest {
  private static NationalSettings small(int sites, int threads, int warmupHours) {
    return new NationalSettings(
        sites,
        1_500,
        1,
        200,
        5,
        0.9,
        7,
        2_000_000_000L,
        20_000_000_000L,
        4,
        500,
        warmupHours,
        threads,
        "vpop",
        "vpop");
  }

  @Test
  void theNetworkHasTheTiersOfATopologyFile() {
    NationalNetwork n = NationalNetwork.generate(small(10, 1, 0));
    assertThat(n.regions()).hasSize(3);
    assertThat(n.network().sites().stream().filter(s -> s.kind() == NodeKind.EDGE)).hasSize(10);
    assertThat(n.viewers()).isBetween(1_490L, 1_510L);
    for (Region r : n.regions()) {
      for (EdgeSite site : r.sites()) {
        assertThat(n.parents(site.name())).as(site.name()).hasSize(2).first().isEqualTo(r.site());
        assertThat(site.caches()).hasSizeBetween(1, 4);
        assertThat(site.groups())
            .isNotEmpty()
            .allSatisfy(
                g ->
                    assertThat(n.network().node(g.group()).orElseThrow().attach())
                        .isEqualTo(site.name()));
      }
    }
  }

  @Test
  void theBrokerSendsViewersToAnEdgeOfTheirOwnSite() {
    NationalNetwork n = NationalNetwork.generate(small(8, 1, 0));
    Region region = n.regions().getFirst();
    RegionBroker broker = new RegionBroker(region, n.network(), 1L << 30, new SimClock());
    int first = 0;
    for (EdgeSite site : region.sites()) {
      Viewers group = site.groups().getFirst();
      for (int v = 0; v < 20; v++) {
        int cache =
            broker.route(
                "title-" + v, group.subnet().address(2 + v), "s-" + site.name() + "-" + v, v);
        assertThat(cache).as(site.name()).isBetween(first, first + site.caches().size() - 1);
      }
      first += site.caches().size();
    }
  }

  /**
   * An edge's misses are exactly what the regional tier is asked, and the regional's misses what
   * the origin serves.
   */
  @Test
  void eachTierAsksTheOneAboveForWhatItMissed() {
    NationalReport r = NetworkSimulation.run(small(6, 2, 0), line -> {});
    Tally t = r.tally();
    assertThat(t.sessions).isGreaterThan(1_000);
    assertThat(t.edge.requests).isEqualTo(t.segmentRequests);
    assertThat(t.regional.requests).isEqualTo(t.edge.requests - t.edge.hits);
    assertThat(t.regional.bytes).isEqualTo(t.edge.bytes - t.edge.hitBytes);
    assertThat(t.originRequests).isEqualTo(t.regional.requests - t.regional.hits);
    assertThat(t.originBytes).isEqualTo(t.regional.bytes - t.regional.hitBytes);
    assertThat(r.edgeByteHitRatio()).isBetween(0.0, 1.0);
    assertThat(t.edge.hits).as("a Zipf day has repeats").isPositive();
    long decisions = 0;
    for (long d : t.decisions) decisions += d;
    assertThat(decisions).as("one broker decision per session").isEqualTo(t.sessions);
  }

  @Test
  void aSeedGivesTheSameDayWhateverTheThreads() {
    assertThat(counts(NetworkSimulation.run(small(9, 1, 2), line -> {})))
        .isEqualTo(counts(NetworkSimulation.run(small(9, 3, 2), line -> {})));
  }

  @Test
  void theReportNamesEveryFigure() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    NetworkSimulation.run(small(4, 1, 1), line -> {})
        .print(new PrintStream(out, true, StandardCharsets.UTF_8));
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(text)
        .contains(
            "edge ",
            "regional ",
            "origin ",
            "byte hit",
            "index writes/s",
            "decisions/s",
            "run time");
  }

  @Test
  void badKnobsAreNamed() {
    assertThatThrownBy(() -> small(1, 1, 0))
        .hasMessage("--sites must be 2 to 4000 (the generated addresses run out beyond), was 1");
    assertThatThrownBy(
            () ->
                new NationalSettings(10, 5, 1, 300, 5, 0.9, 7, 1, 1, 4, 500, 0, 1, "vpop", "vpop"))
        .hasMessageContaining("--viewers must be at least one per site");
  }

  private static Map<String, Long> counts(NationalReport r) {
    Tally t = r.tally();
    Map<String, Long> m = new TreeMap<>();
    m.put("sessions", t.sessions);
    m.put("segments", t.segmentRequests);
    m.put("edgeHits", t.edge.hits);
    m.put("edgeHitBytes", t.edge.hitBytes);
    m.put("regionalHits", t.regional.hits);
    m.put("originBytes", t.originBytes);
    return m;
  }
}
