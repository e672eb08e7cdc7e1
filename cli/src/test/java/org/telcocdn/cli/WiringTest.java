package org.telcocdn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WiringTest {
  private final Topology topology = TopologyFile.loadDefault();
  private final Path data = Path.of("/srv/cdn");
  private final Wiring wiring = new Wiring(topology, data);

  @Test
  void metadataGetsItsPortDatabaseAndBroker() {
    assertThat(env("vid-metadata"))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "CDN_METADATA_PORT", "8081",
                "CDN_METADATA_CONTROL_PORT", "7081",
                "CDN_METADATA_DB_URL", "jdbc:h2:file:/srv/cdn/data/metadata/videos",
                "CDN_METADATA_BROKER_URL", "http://127.0.0.1:8080",
                "CDN_METADATA_BROKER_CONTROL_URL", "https://127.0.0.1:7080"));
  }

  private static final String PEERS = "n1=127.0.0.1:9861,n2=127.0.0.1:9862,n3=127.0.0.1:9863";

  @Test
  void brokerGetsItsPortAndTheIndexPeers() {
    assertThat(env("broker"))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "CDN_BROKER_PORT", "8080",
                "CDN_BROKER_CONTROL_PORT", "7080",
                "CDN_BROKER_INDEX_PEERS", PEERS));
  }

  @Test
  void indexMemberGetsItsIdPeersHttpPortAndStorage() {
    assertThat(env("n2"))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "CDN_INDEX_ID", "n2",
                "CDN_INDEX_PEERS", PEERS,
                "CDN_INDEX_HTTP_PORT", "9872",
                "CDN_INDEX_STORAGE_DIR", "/srv/cdn/data/cache-index/n2"));
  }

  @Test
  void withoutIndexMembers_brokerAndEdgesGetNoIndexPeers() {
    Topology without =
        new Topology(
            topology.dataDir(),
            30,
            topology.services().stream().filter(s -> s.roleValue() != Role.CACHE_INDEX).toList());
    Wiring plain = new Wiring(without, data);
    assertThat(
            plain.env(without.named("broker").orElseThrow()).keySet().stream()
                .filter(k -> !k.startsWith("CDN_SECURITY_")))
        .containsExactlyInAnyOrder("CDN_BROKER_PORT", "CDN_BROKER_CONTROL_PORT");
    assertThat(plain.env(without.named("broker").orElseThrow()))
        .containsKey("CDN_SECURITY_URL_SIGNING_PRIVATE_KEYS");
    assertThat(plain.env(without.named("edge-1").orElseThrow()))
        .doesNotContainKey("CDN_EDGE_INDEX_PEERS");
  }

  @Test
  void originGetsPortsStoreAndMetadata() {
    assertThat(env("vid-raw"))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "CDN_ORIGIN_PORT", "8090",
                "CDN_ORIGIN_GRPC_PORT", "9090",
                "CDN_ORIGIN_STORE_DIR", "/srv/cdn/data/origin",
                "CDN_ORIGIN_METADATA_URL", "https://127.0.0.1:7081"));
  }

  @Test
  void edgeGetsItsIdentityOriginAndBroker() {
    assertThat(env("edge-3"))
        .containsExactlyInAnyOrderEntriesOf(
            Map.ofEntries(
                Map.entry("CDN_EDGE_NAME", "edge-3"),
                Map.entry("CDN_EDGE_PORT", "8103"),
                Map.entry("CDN_EDGE_CONTROL_PORT", "7103"),
                Map.entry("CDN_EDGE_SITE", "site-b"),
                Map.entry("CDN_EDGE_ORIGIN_TARGET", "127.0.0.1:9090"),
                Map.entry("CDN_EDGE_BROKER_URL", "https://127.0.0.1:7080"),
                Map.entry("CDN_EDGE_CACHE_DIR", "/srv/cdn/data/edge-3"),
                Map.entry("CDN_EDGE_ACCESS_LOG_DIR", "/srv/cdn/logs/access"),
                Map.entry("CDN_EDGE_INDEX_PEERS", PEERS),
                // the federated rounds of the demand-spike model, at the controller
                Map.entry("CDN_EDGE_PREDICT_CONTROLLER_URL", "https://127.0.0.1:8096")));
  }

  @Test
  void edgesGetTheDeliveryServicesAsJson() {
    Topology fronting =
        new Topology(
            topology.dataDir(),
            30,
            topology.services(),
            null,
            null,
            null,
            null,
            null,
            java.util.List.of(
                org.telcocdn.cache.http.DeliveryService.everything("site", "http://10.0.0.5:8080")),
            false);

    String json =
        new Wiring(fronting, data)
            .env(fronting.named("edge-1").orElseThrow())
            .get("CDN_EDGE_DELIVERY_SERVICES");

    assertThat(json).contains("\"name\":\"site\"", "\"origin\":\"http://10.0.0.5:8080\"");
    assertThat(env("edge-1")).doesNotContainKey("CDN_EDGE_DELIVERY_SERVICES");
  }

  @Test
  void analyticsFollowsTheEdgesAccessLogs() {
    assertThat(env("analytics"))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "CDN_ANALYTICS_PORT", "8095",
                "CDN_ANALYTICS_CONTROL_PORT", "7095",
                "CDN_ANALYTICS_LOG_DIR", "/srv/cdn/logs/access",
                "CDN_ANALYTICS_STATE_DIR", "/srv/cdn/data/analytics"));
  }

  @Test
  void clientGetsMetadataBrokerAndAnalytics() {
    assertThat(env("client"))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "CDN_CLIENT_PORT", "8000",
                "CDN_CLIENT_CONTROL_PORT", "7000",
                "CDN_CLIENT_METADATA_URL", "http://127.0.0.1:8081",
                "CDN_CLIENT_BROKER_URL", "http://127.0.0.1:8080",
                "CDN_CLIENT_ANALYTICS_URL", "http://127.0.0.1:8095",
                "CDN_CLIENT_ANALYTICS_CONTROL_URL", "https://127.0.0.1:7095",
                "CDN_CLIENT_CONTROLLER_URL", "https://127.0.0.1:8096"));
  }

  @Test
  void controllerReadsAnalyticsBrokerMetadataCommitsToTheIndexAndKeepsTriggersInTheDataDir() {
    assertThat(env("controller"))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "CDN_CONTROLLER_PORT", "8096",
                "CDN_CONTROLLER_BROKER_URL", "https://127.0.0.1:7080",
                "CDN_CONTROLLER_METADATA_URL", "http://127.0.0.1:8081",
                "CDN_CONTROLLER_ANALYTICS_URL", "https://127.0.0.1:7095",
                "CDN_CONTROLLER_INDEX_PEERS",
                    "n1=127.0.0.1:9861,n2=127.0.0.1:9862,n3=127.0.0.1:9863",
                "CDN_CONTROLLER_TRIGGERS_DIR", "/srv/cdn/data/controller/triggers",
                // the default topology's env: the tuned spike model shipped in the jar
                "CDN_CONTROLLER_PREDICT_MODEL", "bundled"));
  }

  @Test
  void envOverridesWinAndAcceptSettingKeysOrVariables() {
    ServiceSpec edge =
        new ServiceSpec(
            "edge-1",
            "vid-cache",
            8101,
            7101,
            null,
            null,
            "site-a",
            Map.of(
                "edge.disk.max-bytes",
                "1GiB",
                "CDN_EDGE_SITE",
                "site-z",
                "CDN_LOG_LEVEL",
                "DEBUG"));

    assertThat(wiring.env(edge))
        .containsEntry("CDN_EDGE_DISK_MAX_BYTES", "1GiB")
        .containsEntry("CDN_EDGE_SITE", "site-z")
        .containsEntry("CDN_LOG_LEVEL", "DEBUG");
  }

  @Test
  void logsGoUnderTheDataDirectory() {
    assertThat(wiring.logFile(topology.named("edge-2").orElseThrow()))
        .isEqualTo(Path.of("/srv/cdn/logs/edge-2.log"));
  }

  @Test
  void everyServiceGetsItsOwnCertificate_theCa_theOperatorKeys_andTheAuditDirectory() {
    assertThat(wiring.env(topology.named("edge-2").orElseThrow()))
        .containsAllEntriesOf(
            Map.of(
                "CDN_SECURITY_TLS_CERT", "/srv/cdn/secrets/services/edge-2.pem",
                "CDN_SECURITY_TLS_KEY", "/srv/cdn/secrets/services/edge-2.key",
                "CDN_SECURITY_TLS_CA", "/srv/cdn/secrets/ca.pem",
                "CDN_SECURITY_OPERATOR_KEYS", "/srv/cdn/secrets/operator-keys.json",
                "CDN_SECURITY_AUDIT_LOG_DIR", "/srv/cdn/logs/audit"));
    assertThat(wiring.env(topology.named("n1").orElseThrow()))
        .containsEntry("CDN_SECURITY_TLS_CERT", "/srv/cdn/secrets/services/n1.pem");
  }

  @Test
  void theBrokerGetsTheViewerSigningKeys_andEveryEdgeThePublicOnes() {
    assertThat(wiring.env(topology.named("broker").orElseThrow()))
        .containsEntry(
            "CDN_SECURITY_URL_SIGNING_PRIVATE_KEYS", "/srv/cdn/secrets/viewer-signing.json")
        .doesNotContainKey("CDN_SECURITY_URL_SIGNING_PUBLIC_KEYS");
    assertThat(wiring.env(topology.named("edge-3").orElseThrow()))
        .containsEntry("CDN_SECURITY_URL_SIGNING_PUBLIC_KEYS", "/srv/cdn/secrets/viewer-keys.json")
        .doesNotContainKey("CDN_SECURITY_URL_SIGNING_PRIVATE_KEYS");
  }

  @Test
  void viewerHttps_givesEveryViewerListenerTheDemoCertificate_andMakesEveryViewerUrlHttps() {
    Topology https = topology.withViewerHttps();
    Wiring wired = new Wiring(https, data);
    for (String name : List.of("vid-metadata", "broker", "edge-1", "edge-3", "analytics", "client"))
      assertThat(wired.env(https.named(name).orElseThrow()))
          .as(name)
          .containsEntry("CDN_SECURITY_VIEWER_TLS_CERT", "/srv/cdn/secrets/viewer-tls/viewer.pem")
          .containsEntry("CDN_SECURITY_VIEWER_TLS_KEY", "/srv/cdn/secrets/viewer-tls/viewer.key");
    // Services with only a control listener serve no viewers.
    for (String name : List.of("vid-raw", "controller", "n1"))
      assertThat(wired.env(https.named(name).orElseThrow()))
          .as(name)
          .doesNotContainKey("CDN_SECURITY_VIEWER_TLS_CERT");
    assertThat(wired.env(https.named("client").orElseThrow()))
        .containsEntry("CDN_CLIENT_BROKER_URL", "https://127.0.0.1:8080")
        .containsEntry("CDN_CLIENT_METADATA_URL", "https://127.0.0.1:8081")
        .containsEntry("CDN_CLIENT_ANALYTICS_URL", "https://127.0.0.1:8095");
    assertThat(wired.env(https.named("vid-metadata").orElseThrow()))
        .containsEntry("CDN_METADATA_BROKER_URL", "https://127.0.0.1:8080");
    assertThat(wired.env(https.named("broker").orElseThrow()))
        .containsEntry("CDN_BROKER_PROBE_CA", "/srv/cdn/secrets/viewer-tls/ca.pem");
    assertThat(wiring.env(topology.named("broker").orElseThrow()))
        .doesNotContainKey("CDN_BROKER_PROBE_CA");
    // The controller reads the catalog at its viewer listener, now with the viewer CA's trust.
    assertThat(wired.env(https.named("controller").orElseThrow()))
        .containsEntry("CDN_CONTROLLER_METADATA_URL", "https://127.0.0.1:8081")
        .containsEntry("CDN_CONTROLLER_METADATA_CA", "/srv/cdn/secrets/viewer-tls/ca.pem");
    // What cdn up records (cdn ps --json's url) and probes for health.
    assertThat(https.url(https.named("edge-3").orElseThrow())).isEqualTo("https://127.0.0.1:8103");
    assertThat(https.url(https.named("client").orElseThrow())).startsWith("https://");
    assertThat(Wiring.trustFor(data, "vid-cache", "https://127.0.0.1:8103"))
        .isEqualTo(Path.of("/srv/cdn/secrets/viewer-tls/ca.pem"));
    assertThat(Wiring.trustFor(data, "vid-raw", https.url(https.named("vid-raw").orElseThrow())))
        .isEqualTo(Path.of("/srv/cdn/secrets/ca.pem"));
  }

  @Test
  void byDefault_viewersGetPlainHttp_andNoViewerCertificate() {
    assertThat(wiring.env(topology.named("edge-3").orElseThrow()))
        .doesNotContainKey("CDN_SECURITY_VIEWER_TLS_CERT");
    assertThat(wiring.env(topology.named("client").orElseThrow()))
        .containsEntry("CDN_CLIENT_BROKER_URL", "http://127.0.0.1:8080");
    assertThat(topology.url(topology.named("edge-3").orElseThrow()))
        .isEqualTo("http://127.0.0.1:8103");
  }

  @Test
  void viewerHttpsIsAlsoATopologyKey() throws java.io.IOException {
    byte[] bundled;
    try (var in = TopologyFile.class.getResourceAsStream(TopologyFile.DEFAULT_RESOURCE)) {
      bundled = in.readAllBytes();
    }
    String yaml = "viewerHttps: true\n" + new String(bundled, StandardCharsets.UTF_8);
    Topology parsed =
        TopologyFile.parse(
            new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml");
    assertThat(parsed.viewerHttps()).isTrue();
    assertThat(parsed.url(parsed.only(Role.BROKER))).isEqualTo("https://127.0.0.1:8080");
    assertThat(topology.viewerHttps()).isFalse();
  }

  /**
   * The wired keys without the security ones, which {@link
   * #everyServiceGetsItsOwnCertificate_theCa_theOperatorKeys_andTheAuditDirectory} checks.
   */
  private Map<String, String> env(String name) {
    Map<String, String> env =
        new java.util.HashMap<>(wiring.env(topology.named(name).orElseThrow()));
    env.keySet().removeIf(k -> k.startsWith("CDN_SECURITY_"));
    return env;
  }
}
