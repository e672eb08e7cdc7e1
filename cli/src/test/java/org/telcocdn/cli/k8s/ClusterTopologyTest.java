package org.telcocdn.cli.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.telcocdn.cli.Role;
import org.telcocdn.cli.ServiceSpec;
import org.telcocdn.cli.Topology;
import org.telcocdn.cli.TopologyFile;
import org.telcocdn.cli.Wiring;

/**
 * The topology as a cluster runs it, without kubectl (KubernetesManifestsIT renders the overlays).
 */
class ClusterTopologyTest {
  private static final ClusterOptions OPTIONS =
      new ClusterOptions("telcocdn", "telcocdn", "dev", "cdn.example.net");
  private final Topology telco =
      TopologyFile.load(Path.of("..", "topology", "telco.yaml").toAbsolutePath());

  @Test
  void indexMembersAreNamedAfterTheirPodsWithTheFirstMembersPorts() {
    List<ServiceSpec> members = ClusterTopology.of(telco).ofRole(Role.CACHE_INDEX);
    assertThat(members)
        .extracting(ServiceSpec::name)
        .containsExactly("cache-index-0", "cache-index-1", "cache-index-2");
    assertThat(members).extracting(ServiceSpec::port).containsOnly(9871);
    assertThat(members).extracting(ServiceSpec::raftPort).containsOnly(9861);
  }

  @Test
  void inTheClusterServicesCallEachOtherByNameAndViewersByTheirPublishedHost() {
    Topology cluster = ClusterTopology.of(telco);
    Wiring wiring = new Wiring(cluster, new ClusterEndpoints(OPTIONS));
    assertThat(wiring.env(cluster.named("edge-1").orElseThrow()))
        .containsEntry("CDN_EDGE_HOST", "0.0.0.0")
        .containsEntry("CDN_EDGE_CONTROL_HOST", "0.0.0.0")
        // calls between services go to the control listeners, over mutual TLS
        .containsEntry("CDN_EDGE_BROKER_URL", "https://broker:7080")
        .containsEntry("CDN_EDGE_ORIGIN_TARGET", "vid-raw:9090")
        .containsEntry("CDN_EDGE_PUBLIC_URL", "http://edge-1.cdn.example.net:8101")
        .containsEntry("CDN_EDGE_ACCESS_LOG_SHIP_URL", "https://analytics:7095/api/logs")
        .containsEntry(
            "CDN_EDGE_INDEX_PEERS",
            "cache-index-0=cache-index-0.cache-index:9861,"
                + "cache-index-1=cache-index-1.cache-index:9861,cache-index-2=cache-index-2.cache-index:9861");
    assertThat(wiring.env(cluster.named("analytics").orElseThrow()))
        .containsEntry("CDN_ANALYTICS_LOG_DIR", "");
    assertThat(wiring.env(cluster.named("client").orElseThrow()))
        .containsEntry("CDN_CLIENT_BROKER_URL", "http://broker.cdn.example.net:8080")
        .containsEntry("CDN_CLIENT_METADATA_URL", "http://vid-metadata.cdn.example.net:8081");
    assertThat(wiring.env(cluster.named("controller").orElseThrow()))
        .containsEntry("CDN_CONTROLLER_BROKER_URL", "https://broker:7080");
  }

  @Test
  void aTopologyWithoutSitesIsRefusedWithTheWayOut() {
    assertThatThrownBy(() -> ClusterTopology.of(TopologyFile.loadDefault()))
        .hasMessageContaining("no sites")
        .hasMessageContaining("topology/telco.yaml");
  }

  @Test
  void membersInTwoSitesAreRefused() {
    Topology split =
        withServices(
            telco.services().stream()
                .map(
                    s ->
                        s.name().equals("n3")
                            ? new ServiceSpec(
                                "n3",
                                s.role(),
                                s.port(),
                                null,
                                null,
                                s.raftPort(),
                                "cloud-1",
                                s.env())
                            : s)
                .toList());
    assertThatThrownBy(() -> ClusterTopology.of(split))
        .hasMessageContaining("several sites [cloud-1, core-1]");
  }

  @Test
  void aMemberWithSettingsOfItsOwnIsRefused() {
    Topology odd =
        withServices(
            telco.services().stream()
                .map(
                    s ->
                        s.name().equals("n2")
                            ? new ServiceSpec(
                                "n2",
                                s.role(),
                                s.port(),
                                null,
                                null,
                                s.raftPort(),
                                s.site(),
                                Map.of("index.snapshot-threshold", "5"))
                            : s)
                .toList());
    assertThatThrownBy(() -> KustomizeTree.render(odd, OPTIONS))
        .hasMessageContaining("cache-index member cache-index-1 has settings of its own");
  }

  @Test
  void anEdgesCacheVolumeHoldsItsBudgetAQuarterMoreAndItsLogs() {
    assertThat(Storage.edgeCache(Map.of())).isEqualTo("4Gi");
    assertThat(Storage.edgeCache(Map.of("CDN_EDGE_DISK_MAX_BYTES", "10GiB"))).isEqualTo("14Gi");
  }

  @Test
  void badOptionsNameTheOption() {
    assertThatThrownBy(() -> new ClusterOptions("Tel_co", "r", "t", "cdn.example.net"))
        .hasMessageContaining("--namespace");
    assertThatThrownBy(() -> new ClusterOptions("telcocdn", "r", "t", "not a domain"))
        .hasMessageContaining("--viewer-domain");
  }

  private Topology withServices(List<ServiceSpec> services) {
    return new Topology(
        telco.dataDir(),
        telco.startTimeoutSeconds(),
        services,
        telco.network(),
        telco.sites(),
        telco.linkDefaults(),
        telco.links(),
        telco.clients(),
        telco.deliveryServices(),
        false);
  }
}
