package org.telcocdn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WiringTest {
  private final Topology topology = TopologyFile.loadDefault();
  private final Path data = Path.of("/srv/cdn");
  private final Wiring wiring = new Wiring(topology, data);

  @Test
  void metadataGetsItsPortDatabaseAndBroker() {
    assertThat(env("vid-metadata")).containsExactlyInAnyOrderEntriesOf(Map.of(
        "CDN_METADATA_PORT", "8081",
        "CDN_METADATA_DB_URL", "jdbc:h2:file:/srv/cdn/data/metadata/videos",
        "CDN_METADATA_BROKER_URL", "http://127.0.0.1:8080"));
  }

  @Test
  void brokerGetsItsPort() {
    assertThat(env("broker")).containsExactlyInAnyOrderEntriesOf(Map.of("CDN_BROKER_PORT", "8080"));
  }

  @Test
  void originGetsPortsStoreAndMetadata() {
    assertThat(env("vid-raw")).containsExactlyInAnyOrderEntriesOf(Map.of(
        "CDN_ORIGIN_PORT", "8090",
        "CDN_ORIGIN_GRPC_PORT", "9090",
        "CDN_ORIGIN_STORE_DIR", "/srv/cdn/data/origin",
        "CDN_ORIGIN_METADATA_URL", "http://127.0.0.1:8081"));
  }

  @Test
  void edgeGetsItsIdentityOriginAndBroker() {
    assertThat(env("edge-3")).containsExactlyInAnyOrderEntriesOf(Map.of(
        "CDN_EDGE_NAME", "edge-3",
        "CDN_EDGE_PORT", "8103",
        "CDN_EDGE_SITE", "site-b",
        "CDN_EDGE_ORIGIN_TARGET", "127.0.0.1:9090",
        "CDN_EDGE_BROKER_URL", "http://127.0.0.1:8080",
        "CDN_EDGE_CACHE_DIR", "/srv/cdn/data/edge-3",
        "CDN_EDGE_ACCESS_LOG_DIR", "/srv/cdn/logs/access"));
  }

  @Test
  void analyticsFollowsTheEdgesAccessLogs() {
    assertThat(env("analytics")).containsExactlyInAnyOrderEntriesOf(Map.of(
        "CDN_ANALYTICS_PORT", "8095",
        "CDN_ANALYTICS_LOG_DIR", "/srv/cdn/logs/access",
        "CDN_ANALYTICS_STATE_DIR", "/srv/cdn/data/analytics"));
  }

  @Test
  void clientGetsMetadataAndBroker() {
    assertThat(env("client")).containsExactlyInAnyOrderEntriesOf(Map.of(
        "CDN_CLIENT_PORT", "8000",
        "CDN_CLIENT_METADATA_URL", "http://127.0.0.1:8081",
        "CDN_CLIENT_BROKER_URL", "http://127.0.0.1:8080"));
  }

  @Test
  void envOverridesWinAndAcceptSettingKeysOrVariables() {
    ServiceSpec edge = new ServiceSpec("edge-1", "vid-cache", 8101, null, "site-a",
        Map.of("edge.disk.max-bytes", "1GiB", "CDN_EDGE_SITE", "site-z", "CDN_LOG_LEVEL", "DEBUG"));

    assertThat(wiring.env(edge))
        .containsEntry("CDN_EDGE_DISK_MAX_BYTES", "1GiB")
        .containsEntry("CDN_EDGE_SITE", "site-z")
        .containsEntry("CDN_LOG_LEVEL", "DEBUG");
  }

  @Test
  void logsGoUnderTheDataDirectory() {
    assertThat(wiring.logFile(topology.named("edge-2").orElseThrow())).isEqualTo(Path.of("/srv/cdn/logs/edge-2.log"));
  }

  private Map<String, String> env(String name) {
    return wiring.env(topology.named(name).orElseThrow());
  }
}
