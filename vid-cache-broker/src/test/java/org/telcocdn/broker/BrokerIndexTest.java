package org.telcocdn.broker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.common.json.Json;
import org.telcocdn.index.IndexClient;
import org.telcocdn.index.IndexCluster;
import org.telcocdn.index.IndexCommand.Admission;
import org.telcocdn.index.IndexCommand.ReportHoldings;
import org.telcocdn.index.IndexPeer;
import org.telcocdn.security.ServiceIdentity;
import org.telcocdn.security.ServiceRoles;
import org.telcocdn.security.TlsMaterial;
import org.telcocdn.testkit.Await;
import org.telcocdn.testkit.TestCredentials;

/**
 * The broker against a real cache index: three in-process Ratis members on free loopback ports (one
 * group for the whole class, since elections cost seconds). Invalidations are committed before the
 * fan-out and carry the index's version; a holding reported to the index turns into an index-holder
 * route without a Raft call on the request path. The 503 for an index that cannot commit is tested
 * with a fake, because a dead group would make the Raft client retry for seconds.
 */
class BrokerIndexTest {
  private static final Duration GENEROUS = Duration.ofSeconds(20);

  /** The test writes and reads the index as the controller would. */
  private static final TlsMaterial CONTROLLER_TLS =
      TestCredentials.shared().tls(ServiceIdentity.of(ServiceRoles.CONTROLLER, "controller"));

  @TempDir static Path dir;
  private static IndexCluster index;
  private static String peers;

  private final List<RecordingEdge> edges = new ArrayList<>();
  private BrokerServer broker;
  private TestBroker calls;

  @BeforeAll
  static void startIndex() {
    index = IndexCluster.start(dir, 3);
    peers = index.peerSpec();
  }

  @AfterAll
  static void stopIndex() {
    if (index != null) index.close();
  }

  @AfterEach
  void stop() {
    if (broker != null) broker.close();
    edges.forEach(RecordingEdge::close);
  }

  @Test
  void invalidationIsCommittedFirst_andEdgesGetTheIndexVersion() throws Exception {
    // A generous write timeout: this test is about order and versions; the default 1.5 s ran out on
    // a
    // machine at load 23 while the group's first commit went through.
    broker = start(Map.of("broker.index.peers", peers, "broker.index.write-timeout", "15s"));
    startEdges(2);
    HttpResponse<String> r =
        post(
            "/api/invalidations", "{\"videoId\":\"inv001\",\"reason\":\"updated\",\"version\":99}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    long version = json(r).path("version").asLong();
    assertThat(version).as("the index's version, not the one in the request").isEqualTo(1);
    try (IndexClient client = IndexClient.connect(IndexPeer.parseList(peers), CONTROLLER_TLS)) {
      assertThat(client.holders("inv001").version())
          .as("committed before the 202")
          .isEqualTo(version);
    }
    Await.until(
        Duration.ofSeconds(5),
        "every edge invalidated",
        () -> edges.stream().allMatch(e -> e.invalidations().size() == 1));
    JsonNode delivered = edges.getFirst().invalidations().getFirst();
    assertThat(delivered.path("videoId").asText()).isEqualTo("inv001");
    assertThat(delivered.path("reason").asText()).isEqualTo("updated");
    assertThat(delivered.path("version").asLong()).isEqualTo(version);
    assertThat(
            json(post("/api/invalidations", "{\"videoId\":\"inv001\"}")).path("version").asLong())
        .isEqualTo(version + 1);
  }

  @Test
  void aReportedHolderGetsTheNextViewer_readFromAFollowerWithBoundedStaleness() throws Exception {
    String follower =
        index.running().stream()
            .filter(m -> !"LEADER".equals(m.status().role()))
            .findFirst()
            .orElseThrow()
            .id();
    broker =
        start(
            Map.of(
                "broker.index.peers",
                peers,
                "broker.index.member",
                follower,
                "broker.index.refresh",
                "100ms"));
    startEdges(3);
    String owner = json(get("/api/route/held01?sid=first")).path("edge").path("name").asText();
    String holder =
        edges.stream().map(e -> e.name).filter(n -> !n.equals(owner)).findFirst().orElseThrow();
    try (IndexClient client = IndexClient.connect(IndexPeer.parseList(peers), CONTROLLER_TLS)) {
      client.addEdge(holder, 1L << 30);
      long version = client.holders("held01").version();
      client.reportHoldings(
          List.of(
              new ReportHoldings(holder, List.of(new Admission("held01", version)), List.of())));
    }
    int[] viewer = {0};
    Await.until(
        GENEROUS,
        "the holder is routed to",
        () ->
            json(get("/api/route/held01?sid=viewer-" + viewer[0]++))
                .path("reason")
                .asText()
                .equals("index-holder"));
    JsonNode held = json(get("/api/route/held01?sid=viewer-last"));
    assertThat(held.path("edge").path("name").asText()).isEqualTo(holder);
    String metrics = calls.admin("GET", "/metrics", null).body();
    assertThat(metrics)
        .contains("reason=\"index-holder\"")
        .containsPattern("broker_index_refreshes_total\\{[^}]*source=\"member\"");
    assertThat(json(calls.admin("GET", "/health", null)).path("details").path("index").asText())
        .isEqualTo(follower + " of 3");
  }

  @Test
  void indexThatCannotCommit_answers503AndNoEdgeHearsOfIt() throws Exception {
    FakeTitleIndex fake = new FakeTitleIndex();
    fake.writesHang = true;
    broker =
        BrokerServer.start(
            TestBroker.config(
                Map.of(
                    "broker.index.peers", "n1=127.0.0.1:1", "broker.index.write-timeout", "200ms")),
            Clock.systemUTC(),
            fake);
    calls = new TestBroker(broker);
    startEdges(1);
    HttpResponse<String> r =
        post("/api/invalidations", "{\"videoId\":\"inv002\",\"reason\":\"updated\"}");
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(json(r).path("error").asText()).isEqualTo("index_unavailable");
    assertThat(json(r).path("message").asText()).contains("inv002");
    fake.writesHang = false;
    assertThat(
            post("/api/invalidations", "{\"videoId\":\"inv002\",\"reason\":\"updated\"}")
                .statusCode())
        .isEqualTo(202);
    Await.until(
        Duration.ofSeconds(5),
        "the committed one delivered",
        () -> edges.getFirst().invalidations().size() == 1);
    assertThat(edges.getFirst().invalidations().getFirst().path("version").asLong()).isEqualTo(1);
  }

  private BrokerServer start(Map<String, String> settings) {
    BrokerServer started = BrokerServer.start(TestBroker.config(settings));
    calls = new TestBroker(started);
    return started;
  }

  private void startEdges(int n) throws Exception {
    for (int i = 0; i < n; i++) {
      RecordingEdge edge = new RecordingEdge("edge-" + i);
      edges.add(edge);
      assertThat(calls.register(edge.name, edge.url(), edge.controlUrl(), "site-a").statusCode())
          .isEqualTo(200);
    }
  }

  private HttpResponse<String> get(String path) {
    return calls.play(path);
  }

  private HttpResponse<String> post(String path, String body) {
    return calls.admin("POST", path, body);
  }

  private static JsonNode json(HttpResponse<String> r) {
    try {
      return Json.MAPPER.readTree(r.body());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
