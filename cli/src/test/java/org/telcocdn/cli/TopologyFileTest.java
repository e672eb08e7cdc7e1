package org.telcocdn.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopologyFileTest {
  private static final String VALID =
      """
      dataDir: data
      services:
        - {name: meta, role: vid-metadata, port: 7001, controlPort: 7101}
        - {name: broker, role: vid-cache-broker, port: 7002, controlPort: 7102}
        - {name: origin, role: vid-raw, port: 7003, grpcPort: 7004}
        - {name: edge-1, role: vid-cache, port: 7005, controlPort: 7105, site: site-a}
        - {name: client, role: client, port: 7006, controlPort: 7106, env: {client.host: 127.0.0.1, CDN_LOG_LEVEL: DEBUG}}
      """;

  @Test
  void defaultTopologyHasTheDocumentedServicesInStartOrder() {
    Topology topology = TopologyFile.loadDefault();

    assertThat(topology.dataDir()).isEqualTo(".cdn");
    assertThat(topology.startOrder())
        .extracting(ServiceSpec::name)
        .containsExactly(
            "n1",
            "n2",
            "n3",
            "vid-metadata",
            "broker",
            "vid-raw",
            "edge-1",
            "edge-2",
            "edge-3",
            "analytics",
            "controller",
            "client");
    assertThat(topology.startOrder())
        .extracting(ServiceSpec::port)
        .containsExactly(9871, 9872, 9873, 8081, 8080, 8090, 8101, 8102, 8103, 8095, 8096, 8000);
    assertThat(topology.ofRole(Role.CACHE_INDEX))
        .extracting(ServiceSpec::raftPort)
        .containsExactly(9861, 9862, 9863);
    assertThat(topology.indexPeers())
        .isEqualTo("n1=127.0.0.1:9861,n2=127.0.0.1:9862,n3=127.0.0.1:9863");
    assertThat(topology.only(Role.RAW).grpcPort()).isEqualTo(9090);
    assertThat(topology.ofRole(Role.EDGE))
        .extracting(ServiceSpec::site)
        .containsExactly("site-a", "site-a", "site-b");
  }

  @Test
  void deliveryServices_areReadAndChecked() {
    String services =
        """
        deliveryServices:
          - {name: shop, hosts: [shop.example], origin: "http://10.0.0.5:8080", cacheKey: {query: ignore}}
          - {name: vod, pathPrefix: /vod/, origin: "http://10.0.0.6/base"}
        """;
    Topology topology =
        TopologyFile.parse(
            new ByteArrayInputStream((VALID + services).getBytes(StandardCharsets.UTF_8)),
            "t.yaml");

    assertThat(topology.deliveryServices())
        .extracting(d -> d.name())
        .containsExactly("shop", "vod");
    assertThat(topology.deliveryServices().get(0).cacheKey().query()).isEqualTo("ignore");
    assertThat(topology.deliveryServices().get(1).originAddress().basePath()).isEqualTo("/base");
    rejects(VALID + services.replace("http://10.0.0.6/base", "https://10.0.0.6"))
        .hasMessageContaining("https origins are not supported");
    rejects(VALID + services.replace("name: vod", "name: shop"))
        .hasMessageContaining("names must be unique");
    rejects(VALID + services.replace("pathPrefix: /vod/", "pathPrefix: vod"))
        .hasMessageContaining("must start with /");
    Topology signed =
        TopologyFile.parse(
            new ByteArrayInputStream(
                (VALID + services.replace("pathPrefix: /vod/,", "pathPrefix: /vod/, signed: true,"))
                    .getBytes(StandardCharsets.UTF_8)),
            "t.yaml");
    assertThat(signed.deliveryServices())
        .extracting(d -> d.signed())
        .as("signed: true is read (edges check it with the viewer keys)")
        .containsExactly(false, true);
  }

  @Test
  void analyticsIsOptionalButSingle() {
    Topology without =
        TopologyFile.parse(
            new ByteArrayInputStream(VALID.getBytes(StandardCharsets.UTF_8)), "t.yaml");
    assertThat(without.ofRole(Role.ANALYTICS)).isEmpty();
    rejects(
            VALID
                + "  - {name: a1, role: analytics, port: 7010, controlPort: 7110}\n  - {name: a2, role: analytics, port: 7011, controlPort: 7111}\n")
        .hasMessageContaining("at most 1 analytics");
  }

  @Test
  void cacheIndexIsOptionalButNeedsThreeMembersWithRaftPorts() {
    String one = "  - {name: n1, role: cache-index, port: 7011, raftPort: 7021}\n";
    String two = one + "  - {name: n2, role: cache-index, port: 7012, raftPort: 7022}\n";
    String three = two + "  - {name: n3, role: cache-index, port: 7013, raftPort: 7023}\n";
    rejects(VALID + one).hasMessageContaining("at least three");
    rejects(VALID + two).hasMessageContaining("has 2");
    Topology ok =
        TopologyFile.parse(
            new ByteArrayInputStream((VALID + three).getBytes(StandardCharsets.UTF_8)), "t.yaml");
    assertThat(ok.indexPeers()).isEqualTo("n1=127.0.0.1:7021,n2=127.0.0.1:7022,n3=127.0.0.1:7023");
    rejects(VALID + three.replace(", raftPort: 7023", ""))
        .hasMessageContaining("raftPort of n3 is missing");
    rejects(VALID + three.replace("raftPort: 7023", "raftPort: 7003"))
        .hasMessageContaining("port 7003 is used by both");
    rejects(VALID.replace("port: 7005,", "port: 7005, raftPort: 7099,"))
        .hasMessageContaining("raftPort is only for cache-index");
  }

  @Test
  void bundledDefaultIsTheRepositoryFile() throws IOException {
    Path repoFile = Path.of("..", "topology", "default.yaml");
    try (var in = TopologyFile.class.getResourceAsStream(TopologyFile.DEFAULT_RESOURCE)) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo(Files.readString(repoFile));
    }
  }

  @Test
  void readsAFileWithEnvOverrides(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("t.yaml"), VALID);

    Topology topology = TopologyFile.load(file);

    assertThat(topology.dataPath(dir)).isEqualTo(dir.resolve("data"));
    assertThat(topology.named("client").orElseThrow().env())
        .containsEntry("CDN_LOG_LEVEL", "DEBUG");
    assertThat(topology.startTimeout().toSeconds()).isEqualTo(120);
  }

  @Test
  void missingFileIsAUsageError(@TempDir Path dir) {
    assertThatThrownBy(() -> TopologyFile.load(dir.resolve("nope.yaml")))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("nope.yaml does not exist")
        .extracting(e -> ((CliException) e).exitCode())
        .isEqualTo(CliException.USAGE);
  }

  @Test
  void unknownFieldIsNamedWithItsLine() {
    rejects(VALID.replace("port: 7002", "prot: 7002"))
        .hasMessageContaining("unknown field 'prot'")
        .hasMessageContaining("line 4");
  }

  @Test
  void malformedYamlIsRejected() {
    rejects("services: [ {name: x").hasMessageStartingWith("test.yaml: ");
  }

  @Test
  void wrongTypeIsRejected() {
    rejects(VALID.replace("port: 7002", "port: eighty")).hasMessageContaining("test.yaml");
  }

  @Test
  void duplicateNamesAreRejected() {
    rejects(VALID.replace("name: edge-1", "name: meta"))
        .hasMessageContaining("service name 'meta' is used twice");
  }

  @Test
  void controlPortsAreRequiredWhereThereAreTwoListeners_andRefusedElsewhere() {
    rejects(VALID.replace(", controlPort: 7105", ""))
        .hasMessageContaining("controlPort of edge-1 is missing");
    rejects(VALID.replace("grpcPort: 7004}", "grpcPort: 7004, controlPort: 7104}"))
        .hasMessageContaining("controlPort is only for");
    rejects(VALID.replace("controlPort: 7105", "controlPort: 7006"))
        .hasMessageContaining("port 7006 is used by both");
  }

  @Test
  void duplicatePortsAreRejected() {
    rejects(VALID.replace("grpcPort: 7004", "grpcPort: 7005"))
        .hasMessageContaining("port 7005 is used by both origin (gRPC) and edge-1");
  }

  @Test
  void unknownRoleIsRejected() {
    rejects(VALID.replace("role: client", "role: browser"))
        .hasMessageContaining("unknown role 'browser'")
        .hasMessageContaining("vid-metadata, vid-cache-broker");
  }

  @Test
  void secondMetadataIsRejected() {
    rejects(VALID.replace("name: client, role: client", "name: meta-2, role: vid-metadata"))
        .hasMessageContaining("needs exactly one vid-metadata service, has 2");
  }

  @Test
  void missingEdgesAreRejected() {
    rejects(
            VALID.replace(
                "  - {name: edge-1, role: vid-cache, port: 7005, controlPort: 7105, site: site-a}\n",
                ""))
        .hasMessageContaining("needs at least one vid-cache service");
  }

  @Test
  void originNeedsGrpcPortAndEdgesNeedSites() {
    rejects(VALID.replace(", grpcPort: 7004", ""))
        .hasMessageContaining("grpcPort of origin is missing");
    rejects(VALID.replace(", site: site-a", "")).hasMessageContaining("edge edge-1 needs a site");
  }

  @Test
  void portsOutOfRangeAreRejected() {
    rejects(VALID.replace("port: 7001", "port: 0"))
        .hasMessageContaining("port of meta must be between 1 and 65535, was 0");
  }

  @Test
  void badNamesAreRejected() {
    rejects(VALID.replace("name: meta", "name: Meta_1"))
        .hasMessageContaining("service name 'Meta_1' must match");
  }

  @Test
  void emptyFileIsRejected() {
    rejects("").hasMessageContaining("test.yaml is empty");
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> rejects(String yaml) {
    return assertThatThrownBy(
            () ->
                TopologyFile.parse(
                    new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml"))
        .isInstanceOf(CliException.class)
        .satisfies(e -> assertThat(((CliException) e).exitCode()).isEqualTo(CliException.USAGE));
  }
}
