package org.telcocdn.broker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.telcocdn.common.json.Json;
import org.telcocdn.testkit.Await;

class BrokerServerTest {
  private final BrokerServer broker = BrokerServer.start(BrokerConfig.forTests());
  private final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private final List<RecordingEdge> edges = new ArrayList<>();

  @AfterEach
  void stop() {
    broker.close();
    edges.forEach(RecordingEdge::close);
  }

  @Test
  void playRedirectsToOneEdgeAndNamesTheOtherTwo() throws Exception {
    startEdges(3);
    HttpResponse<String> r = get("/play/3f9a0c1b2d4e");
    assertThat(r.statusCode()).isEqualTo(302);
    String location = r.headers().firstValue("Location").orElseThrow();
    assertThat(location).endsWith("/videos/3f9a0c1b2d4e/master.m3u8");
    assertThat(edges).anySatisfy(e -> assertThat(location).startsWith(e.url() + "/"));
    List<String> alternates =
        Arrays.asList(r.headers().firstValue("X-Alternate-Edges").orElseThrow().split(", "));
    assertThat(alternates)
        .hasSize(2)
        .doesNotContain(location)
        .allSatisfy(a -> assertThat(a).endsWith("/videos/3f9a0c1b2d4e/master.m3u8"));
    assertThat(r.headers().firstValue("X-Route-Reason")).contains("consistent-hash");
    assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");

    assertThat(get("/play/3f9a0c1b2d4e").headers().firstValue("Location")).contains(location);
  }

  @Test
  void objectPathIsKeptAndReEncoded() throws Exception {
    startEdges(3);
    String master = get("/play/abc123").headers().firstValue("Location").orElseThrow();
    String edge = master.substring(0, master.indexOf("/videos/"));
    assertThat(get("/play/abc123/720p/seg_00001.m4s").headers().firstValue("Location"))
        .contains(edge + "/videos/abc123/720p/seg_00001.m4s");
    assertThat(get("/play/abc123/720p/a%20b%3Fc.m4s").headers().firstValue("Location"))
        .contains(edge + "/videos/abc123/720p/a%20b%3Fc.m4s");
    assertThat(get("/play/abc123/720p/%2e%2e/x").statusCode()).isEqualTo(400);
  }

  @Test
  void noEdgeIs503Json() throws Exception {
    HttpResponse<String> r = get("/play/abc123");
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(json(r).path("error").asText()).isEqualTo("no_edge");
    assertThat(json(r).path("message").asText()).isNotBlank();
  }

  @Test
  void badVideoIdIs400() throws Exception {
    startEdges(1);
    HttpResponse<String> r = get("/play/Not_A_Video");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).path("error").asText()).isEqualTo("bad_request");
  }

  @Test
  void heartbeatOfUnknownEdgeIs404Json() throws Exception {
    HttpResponse<String> r = post("/api/edges/ghost/heartbeat", "{\"activeConnections\":1}");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(json(r).path("error").asText()).isEqualTo("not_found");
  }

  @Test
  void badRegistrationsAre400NamingTheField() throws Exception {
    assertThat(post("/api/edges", "{not json").statusCode()).isEqualTo(400);
    HttpResponse<String> missing =
        post("/api/edges", "{\"name\":\"edge-1\",\"site\":\"a\",\"diskCapacityBytes\":1}");
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(json(missing).path("message").asText()).contains("url");
    HttpResponse<String> wrongType =
        post(
            "/api/edges",
            "{\"name\":\"edge-1\",\"url\":\"http://127.0.0.1:1\",\"site\":\"a\",\"diskCapacityBytes\":\"lots\"}");
    assertThat(wrongType.statusCode()).isEqualTo(400);
    assertThat(json(wrongType).path("message").asText()).contains("diskCapacityBytes");
    assertThat(post("/api/invalidations", "{\"reason\":\"updated\"}").statusCode()).isEqualTo(400);
  }

  @Test
  void registerHeartbeatListAndDelete() throws Exception {
    startEdges(2);
    HttpResponse<String> beat =
        post(
            "/api/edges/edge-0/heartbeat",
            "{\"activeConnections\":4,\"egressBytesPerSecond\":10,\"diskUsedBytes\":5,\"diskCapacityBytes\":100,\"draining\":true}");
    assertThat(beat.statusCode()).isEqualTo(200);
    JsonNode listed = json(get("/api/edges")).path("edges");
    assertThat(listed).hasSize(2);
    assertThat(listed.get(0).path("state").asText()).isEqualTo("DRAINING");
    assertThat(listed.get(0).path("load").path("activeConnections").asLong()).isEqualTo(4);
    assertThat(listed.get(1).path("state").asText()).isEqualTo("UP");

    HttpResponse<String> deleted =
        http.send(
            request("/api/edges/edge-1").DELETE().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(deleted.statusCode()).isEqualTo(204);
    assertThat(json(get("/api/edges")).path("edges")).hasSize(1);
    assertThat(get("/play/abc123").statusCode()).isEqualTo(503);
  }

  @Test
  void invalidationReachesEveryEdgeWithOneRetry() throws Exception {
    startEdges(2);
    RecordingEdge flaky = new RecordingEdge("edge-flaky", 1);
    edges.add(flaky);
    register(flaky);
    HttpResponse<String> r =
        post("/api/invalidations", "{\"videoId\":\"abc123\",\"reason\":\"updated\"}");
    assertThat(r.statusCode()).isEqualTo(202);
    Await.until(
        Duration.ofSeconds(5),
        "every edge invalidated",
        () -> edges.stream().allMatch(e -> e.invalidations().size() == 1));
    assertThat(flaky.invalidations().getFirst().path("videoId").asText()).isEqualTo("abc123");
    assertThat(flaky.invalidations().getFirst().path("reason").asText()).isEqualTo("updated");
    Await.until(
        Duration.ofSeconds(5),
        "deliveries counted",
        () -> {
          String metrics = get("/metrics").body();
          return metrics.contains("broker_invalidations_total{")
              && metrics.contains("outcome=\"retried\"");
        });
  }

  @Test
  void metricsCountDecisionsByReasonAndEdgesByState() throws Exception {
    startEdges(1);
    get("/play/abc123");
    String metrics = get("/metrics").body();
    assertThat(metrics)
        .contains("broker_route_decisions_total{")
        .contains("reason=\"only-edge\"")
        .contains("broker_edges{")
        .contains("broker_route_latency_seconds");
  }

  private void startEdges(int n) throws Exception {
    for (int i = 0; i < n; i++) {
      RecordingEdge edge = new RecordingEdge("edge-" + i);
      edges.add(edge);
      register(edge);
    }
  }

  private void register(RecordingEdge edge) throws Exception {
    String body =
        Json.string(
            Map.of(
                "name", edge.name, "url", edge.url(), "site", "site-a", "diskCapacityBytes", 1000));
    HttpResponse<String> r = post("/api/edges", body);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r).path("heartbeatIntervalMs").asLong()).isEqualTo(1000);
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(broker.url() + path)).timeout(Duration.ofSeconds(5));
  }

  private HttpResponse<String> get(String path) {
    try {
      return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return http.send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> r) throws IOException {
    return Json.MAPPER.readTree(r.body());
  }
}
