package org.telcocdn.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.telcocdn.cli.network.Link;
import org.telcocdn.cli.network.NodeKind;
import org.telcocdn.cli.network.SiteNetwork;

/** Topologies with sites: the worked example, and every rule with the field it names. */
class TopologySitesTest {
  /** A small valid network: cloud, core, one regional, one edge, one client group. */
  static final String SMALL =
      """
      dataDir: data
      linkDefaults:
        ran-edge: {oneWayMs: 2, jitterMs: 0.3, rateMbit: 20}
        edge-regional: {oneWayMs: 1, rateMbit: 200}
        regional-core: {oneWayMs: 2.5}
        core-cloud: {oneWayMs: 20}
      sites:
        - {name: cloud, kind: cloud}
        - {name: core, kind: core}
        - {name: reg, kind: regional, parents: [cloud]}
        - {name: edge, kind: edge, parents: [reg]}
      clients:
        - {name: ran, attach: edge, subnet: 10.100.1.0/24}
      links:
        - {a: core, b: cloud}
        - {a: reg, b: core}
        - {a: edge, b: reg, lossPct: 0.5}
      services:
        - {name: meta, role: vid-metadata, port: 8081, controlPort: 7081, site: cloud}
        - {name: origin, role: vid-raw, port: 8090, grpcPort: 9090, site: cloud}
        - {name: client, role: client, port: 8000, controlPort: 7000, site: cloud}
        - {name: broker, role: vid-cache-broker, port: 8080, controlPort: 7080, site: core}
        - {name: edge-1, role: vid-cache, port: 8101, controlPort: 7101, site: edge}
        - {name: edge-2, role: vid-cache, port: 8101, controlPort: 7101, site: edge}
      """;

  static Topology telco() {
    return TopologyFile.load(Path.of("..", "topology", "telco.yaml"));
  }

  static Topology parse(String yaml) {
    return TopologyFile.parse(
        new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "t.yaml");
  }

  @Test
  void telcoExampleHasTheTiersTheIssueAsksFor() {
    Topology t = telco();
    SiteNetwork net = t.siteNetwork();

    assertThat(net.sites())
        .extracting(n -> n.kind())
        .containsOnly(NodeKind.CLOUD, NodeKind.CORE, NodeKind.REGIONAL, NodeKind.EDGE);
    assertThat(net.sites().stream().filter(n -> n.kind() == NodeKind.EDGE))
        .hasSize(4)
        .allSatisfy(n -> assertThat(n.parents()).hasSize(2));
    assertThat(net.sites().stream().filter(n -> n.kind() == NodeKind.REGIONAL))
        .hasSize(2)
        .allSatisfy(n -> assertThat(n.parents()).containsExactly("cloud-1"));
    assertThat(net.clientGroups()).hasSizeGreaterThanOrEqualTo(4);
    assertThat(t.dataDir()).isEqualTo(".cdn");
  }

  @Test
  void defaultsAndOverridesResolveFieldByField() {
    SiteNetwork net = telco().siteNetwork();

    Link secondary = net.link("edge-a", "regional-south").orElseThrow();
    assertThat(secondary.spec().oneWayMs()).isEqualTo(2.0);
    assertThat(secondary.spec().rateMbit()).isEqualTo(100.0);
    assertThat(secondary.spec().jitterMs()).isEqualTo(0.05);
    Link largeSite = net.link("ran-c", "edge-c").orElseThrow();
    assertThat(largeSite.spec().oneWayMs()).isEqualTo(4.0);
    assertThat(largeSite.spec().rateMbit()).isEqualTo(10.0);
    Link implied = net.link("ran-a", "edge-a").orElseThrow();
    assertThat(implied.spec().oneWayMs()).isEqualTo(2.0);
    assertThat(net.link("core-1", "cloud-1").orElseThrow().spec().rateMbit())
        .as("unshaped")
        .isNull();
  }

  @Test
  void servicesGetTheirSiteAddressAndTheWiringUsesIt() {
    Topology t = parse(SMALL);
    Wiring wiring = new Wiring(t, Path.of("/srv/cdn"));

    assertThat(t.host(t.named("meta").orElseThrow())).isEqualTo("10.200.0.10");
    assertThat(t.host(t.named("edge-2").orElseThrow())).isEqualTo("10.200.3.11");
    assertThat(t.namespace(t.named("edge-2").orElseThrow())).isEqualTo("cdn-edge");
    Map<String, String> edge = wiring.env(t.named("edge-1").orElseThrow());
    assertThat(edge)
        .containsEntry("CDN_EDGE_HOST", "10.200.3.10")
        .containsEntry("CDN_EDGE_SITE", "edge")
        .containsEntry("CDN_EDGE_ORIGIN_TARGET", "10.200.0.11:9090")
        .containsEntry("CDN_EDGE_BROKER_URL", "https://10.200.1.10:7080")
        .as("both listeners on the site's address")
        .containsEntry("CDN_EDGE_CONTROL_HOST", "10.200.3.10");
    assertThat(wiring.env(t.named("client").orElseThrow()))
        .containsEntry("CDN_CLIENT_HOST", "10.200.0.12")
        .containsEntry("CDN_CLIENT_CONTROL_HOST", "10.200.0.12")
        .containsEntry("CDN_CLIENT_BROKER_URL", "http://10.200.1.10:8080");
    assertThat(wiring.env(t.named("origin").orElseThrow()))
        .as("vid-raw's one listener is its control listener")
        .containsEntry("CDN_ORIGIN_HOST", "10.200.0.11")
        .containsEntry("CDN_ORIGIN_METADATA_URL", "https://10.200.0.10:7081");
    assertThat(t.controlUrl(t.named("edge-2").orElseThrow())).isEqualTo("https://10.200.3.11:7101");
  }

  @Test
  void indexPeersUseTheMembersAddresses() {
    Topology t = telco();
    assertThat(t.indexPeers())
        .isEqualTo("n1=10.200.2.11:9861,n2=10.200.2.12:9862,n3=10.200.2.13:9863");
  }

  @Test
  void aNetworkWithoutServicesIsValid() {
    Topology t = parse(SMALL.substring(0, SMALL.indexOf("services:")));
    assertThat(t.services()).isEmpty();
    assertThat(t.siteNetwork().nodes()).hasSize(5);
  }

  @Test
  void aSimulatedNetworksServicesRunC1Only_aFlatTopologysKeepTheTieredJit() {
    assertThat(Cluster.jvmOptions(telco(), Role.EDGE)).containsExactly("-XX:TieredStopAtLevel=1");
    assertThat(Cluster.jvmOptions(telco(), Role.BROKER))
        .containsExactly("-Xms1g", "-Xmn600m", "-XX:TieredStopAtLevel=1");
    assertThat(Cluster.jvmOptions(telco(), Role.CACHE_INDEX))
        .containsExactly("-XX:TieredStopAtLevel=1");
    Topology flat = TopologyFile.loadDefault();
    assertThat(Cluster.jvmOptions(flat, Role.EDGE)).isEmpty();
    assertThat(Cluster.jvmOptions(flat, Role.BROKER)).isEqualTo(Role.BROKER.jvmOptions());
  }

  @Test
  void defaultTopologyStaysFlat() {
    Topology t = TopologyFile.loadDefault();
    assertThat(t.sited()).isFalse();
    assertThat(t.url(t.named("broker").orElseThrow())).isEqualTo("http://127.0.0.1:8080");
    assertThat(new Wiring(t, Path.of("/srv")).env(t.named("broker").orElseThrow()))
        .doesNotContainKey("CDN_BROKER_HOST");
  }

  @Test
  void unknownParentIsNamed() {
    rejects(SMALL.replace("parents: [reg]}", "parents: [reg, nowhere]}"))
        .hasMessageContaining("site edge: parents names unknown site 'nowhere'");
  }

  @Test
  void edgeWithoutParentsIsRejected() {
    rejects(SMALL.replace("{name: edge, kind: edge, parents: [reg]}", "{name: edge, kind: edge}"))
        .hasMessageContaining("site edge: parents must name a primary and a secondary parent");
  }

  @Test
  void parentsMustBeOfTheTierAbove() {
    rejects(
            SMALL.replace(
                "{name: reg, kind: regional, parents: [cloud]}",
                "{name: reg, kind: regional, parents: [core]}"))
        .hasMessageContaining(
            "site reg: parents: 'core' is a core site; a regional site's parents must be cloud sites");
    rejects(SMALL.replace("{name: core, kind: core}", "{name: core, kind: core, parents: [cloud]}"))
        .hasMessageContaining("site core: parents: a core site has no parents");
  }

  @Test
  void clientGroupMustAttachToAnEdgeSite() {
    rejects(SMALL.replace("attach: edge,", "attach: reg,"))
        .hasMessageContaining(
            "client group ran: attach 'reg' is a regional site; client groups attach to edge sites");
    rejects(SMALL.replace("attach: edge,", "attach: mars,"))
        .hasMessageContaining("client group ran: attach 'mars' is not a site");
  }

  @Test
  void overlappingSubnetsAreRejected() {
    rejects(
            SMALL.replace(
                "{name: core, kind: core}", "{name: core, kind: core, subnet: 10.100.0.0/16}"))
        .hasMessageContaining(
            "client group ran: 10.100.1.0/24 overlaps 10.100.0.0/16 of site core");
    rejects(SMALL.replace("subnet: 10.100.1.0/24", "subnet: 10.201.7.0/24"))
        .hasMessageContaining("overlaps 10.201.0.0/16 of network.linkBlock");
    rejects(SMALL.replace("subnet: 10.100.1.0/24", "subnet: 10.100.1.0/33"))
        .hasMessageContaining("client group ran: subnet");
  }

  @Test
  void linksAreChecked() {
    rejects(SMALL.replace("{a: reg, b: core}", "{a: reg, b: kore}"))
        .hasMessageContaining("link reg–kore: b 'kore' is neither");
    rejects(SMALL.replace("{a: reg, b: core}", "{a: reg, b: core}\n  - {a: core, b: reg}"))
        .hasMessageContaining("link core–reg is listed twice");
    rejects(SMALL.replace("  - {a: reg, b: core}\n", ""))
        .hasMessageContaining("cannot be reached from cloud");
    rejects(SMALL.replace("lossPct: 0.5", "lossPct: 101"))
        .hasMessageContaining("link edge–reg: lossPct must be 0 to 100");
    rejects(SMALL.replace("lossPct: 0.5", "jitterMs: 3"))
        .hasMessageContaining("jitterMs 3.0 exceeds oneWayMs 1.0");
    rejects(SMALL.replace("  core-cloud: {oneWayMs: 20}\n", ""))
        .hasMessageContaining(
            "link core–cloud: oneWayMs is missing and linkDefaults has no core-cloud entry");
    rejects(SMALL.replace("core-cloud:", "core-clod:"))
        .hasMessageContaining("linkDefaults: 'core-clod' is not a link class");
    rejects(
            SMALL.replace(
                "  - {a: core, b: cloud}\n", "  - {a: core, b: cloud}\n  - {a: ran, b: reg}\n"))
        .hasMessageContaining("client group ran is attached to edge, so its link must go there");
  }

  @Test
  void everyServiceNamesAKnownSiteAndEdgesRunInEdgeSites() {
    rejects(SMALL.replace("controlPort: 7081, site: cloud}", "controlPort: 7081}"))
        .hasMessageContaining("service meta needs a site");
    rejects(SMALL.replace("controlPort: 7081, site: cloud}", "controlPort: 7081, site: moon}"))
        .hasMessageContaining("service meta: site 'moon' is not a site of this topology");
    rejects(
            SMALL.replace(
                "controlPort: 7101, site: edge}\n  - {name: edge-2",
                "controlPort: 7101, site: core}\n  - {name: edge-2"))
        .hasMessageContaining(
            "service edge-1: a vid-cache runs in an edge site (an edge), a regional site (a"
                + " mid-tier cache) or a cloud site (the cloud tier), not in core site core");
  }

  @Test
  void aVidCacheInARegionalSiteIsAMidTierCache_andEdgesFillFromTheirParentSitesCaches() {
    Topology t = telco();
    Wiring wiring = new Wiring(t, Path.of("/srv/cdn"));

    Map<String, String> regional = wiring.env(t.named("regional-1").orElseThrow());
    assertThat(regional)
        .containsEntry("CDN_EDGE_TIER", "regional")
        .containsEntry("CDN_EDGE_SITE", "regional-north")
        .containsEntry("CDN_EDGE_ORIGIN_TARGET", "10.200.1.10:9090")
        .containsEntry("CDN_EDGE_PARENTS_PRIMARY", "cloud-tier-1=https://10.200.1.14:7101")
        .as("reports its holdings to the index (a parent, never a peer)")
        .containsEntry(
            "CDN_EDGE_INDEX_PEERS", "n1=10.200.2.11:9861,n2=10.200.2.12:9862,n3=10.200.2.13:9863")
        .doesNotContainKeys("CDN_EDGE_PARENTS_SECONDARY", "CDN_EDGE_PUBLIC_URL");
    assertThat(wiring.env(t.named("edge-1").orElseThrow()))
        .doesNotContainKey("CDN_EDGE_TIER")
        .containsEntry("CDN_EDGE_PARENTS_PRIMARY", "regional-1=https://10.200.11.10:7101")
        .containsEntry("CDN_EDGE_PARENTS_SECONDARY", "regional-2=https://10.200.12.10:7101");
    assertThat(wiring.env(t.named("edge-3").orElseThrow()))
        .containsEntry("CDN_EDGE_PARENTS_PRIMARY", "regional-2=https://10.200.12.10:7101")
        .containsEntry("CDN_EDGE_PARENTS_SECONDARY", "regional-1=https://10.200.11.10:7101");
    // They register nowhere, so the broker's invalidations reach them through its settings, and
    // a saturated site's new sessions reach the cloud tier's viewer listener.
    assertThat(wiring.env(t.named("broker").orElseThrow()))
        .containsEntry(
            "CDN_BROKER_TIER_CACHES",
            "cloud-tier-1=https://10.200.1.14:7101,regional-1=https://10.200.11.10:7101,"
                + "regional-2=https://10.200.12.10:7101")
        .containsEntry("CDN_BROKER_CLOUD_TIER", "cloud-tier-1=http://10.200.1.14:8101")
        .containsEntry("CDN_BROKER_CLOUD_TIER_SITE", "cloud-1");
    // The controller's trigger status names each tier cache's tier (docs/continuum.md).
    assertThat(wiring.env(t.named("controller").orElseThrow()))
        .containsEntry(
            "CDN_CONTROLLER_CACHE_TIERS",
            "cloud-tier-1=cloud,regional-1=regional,regional-2=regional");
  }

  @Test
  void aVidCacheInTheCloudSiteIsTheCloudTier_theTopOfTheParentChain() {
    Topology t = telco();
    Map<String, String> cloud =
        new Wiring(t, Path.of("/srv/cdn")).env(t.named("cloud-tier-1").orElseThrow());

    assertThat(cloud)
        .containsEntry("CDN_EDGE_TIER", "cloud")
        .containsEntry("CDN_EDGE_SITE", "cloud-1")
        .containsEntry("CDN_EDGE_ORIGIN_TARGET", "10.200.1.10:9090")
        .containsEntry(
            "CDN_EDGE_INDEX_PEERS", "n1=10.200.2.11:9861,n2=10.200.2.12:9862,n3=10.200.2.13:9863")
        .as("the top tier: fills from the origin, registers with no broker")
        .doesNotContainKeys("CDN_EDGE_PARENTS_PRIMARY", "CDN_EDGE_PUBLIC_URL");
  }

  @Test
  void aParentSiteWithoutACache_addsNoParent() {
    Map<String, String> edge =
        new Wiring(parse(SMALL), Path.of("/srv/cdn"))
            .env(parse(SMALL).named("edge-1").orElseThrow());

    assertThat(edge).doesNotContainKeys("CDN_EDGE_PARENTS_PRIMARY", "CDN_EDGE_PARENTS_SECONDARY");
    assertThat(
            new Wiring(parse(SMALL), Path.of("/srv/cdn"))
                .env(parse(SMALL).named("broker").orElseThrow()))
        .doesNotContainKey("CDN_BROKER_TIER_CACHES");
  }

  @Test
  void linksWithoutSitesAreRejected() {
    rejects(TopologyFile.loadDefaultText() + "links:\n  - {a: x, b: y}\n")
        .hasMessageContaining("links, clients and linkDefaults need sites");
  }

  @Test
  void kindAndPrefixAreChecked() {
    rejects(SMALL.replace("kind: core}", "kind: metro}"))
        .hasMessageContaining("site core: kind 'metro' is not one of");
    rejects("network: {prefix: muchtoolongprefix}\n" + SMALL)
        .hasMessageContaining("network.prefix 'muchtoolongprefix'");
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> rejects(String yaml) {
    return assertThatThrownBy(() -> parse(yaml))
        .isInstanceOf(CliException.class)
        .satisfies(e -> assertThat(((CliException) e).exitCode()).isEqualTo(CliException.USAGE))
        .hasMessageStartingWith("t.yaml: ");
  }
}
