package org.telcocdn.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.telcocdn.controller.ControllerFakes.control;
import static org.telcocdn.controller.ControllerFakes.edgeView;
import static org.telcocdn.controller.ControllerFakes.url;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.cache.allocation.AllocationSettings;
import org.telcocdn.common.config.Settings;
import org.telcocdn.common.http.Access;
import org.telcocdn.common.http.ApiException;
import org.telcocdn.common.http.HttpServer;
import org.telcocdn.common.http.Response;
import org.telcocdn.common.json.Json;
import org.telcocdn.common.security.SecurityConfig;
import org.telcocdn.common.security.ServiceSecurity;
import org.telcocdn.controller.trigger.TriggerSettings;
import org.telcocdn.security.OperatorRole;
import org.telcocdn.security.ServiceRoles;
import org.telcocdn.testkit.TestCredentials;

/** The controller against real HTTP fakes of the broker, analytics, the catalog and three edges. */
class ControllerServerTest {
  private static final long GB = 1_000_000_000L;
  private static final Map<String, Long> REQUESTS =
      Map.of(
          "v1", 2000L, "v2", 500L, "v3", 200L, "v4", 100L, "v5", 50L, "v6", 20L, "v7", 10L, "ghost",
          30L, "Bad_Id", 40L);

  private static final TestCredentials CREDS = TestCredentials.shared();
  private static final Access FROM_CONTROLLER = Access.services(ServiceRoles.CONTROLLER);
  private final HttpClient client = TestCredentials.http(CREDS.operatorTls());
  private final List<HttpServer> fakes = new ArrayList<>();
  private final Map<String, List<JsonNode>> received =
      Map.of("e1", new CopyOnWriteArrayList<>(), "e2", new CopyOnWriteArrayList<>());
  private final List<String> topQueries = new CopyOnWriteArrayList<>();
  private HttpServer broker;
  private String analyticsUrl;
  private String metadataUrl;
  private ControllerServer controller;
  @TempDir Path dir;

  @BeforeEach
  void start() {
    HttpServer e1 = edge("e1");
    HttpServer e2 = edge("e2");
    HttpServer e3 =
        fake(
            control("fake-e3", ServiceRoles.EDGE)
                .post(
                    "/internal/allocation",
                    FROM_CONTROLLER,
                    r -> {
                      throw new ApiException(500, "internal", "disk on fire");
                    }));
    String edges =
        Json.string(
            Map.of(
                "edges",
                List.of(
                    edgeView("e1", e1, "s1", "UP", GB),
                    edgeView("e2", e2, "s1", "UP", GB),
                    edgeView("e3", e3, "s1", "UP", 0),
                    edgeView("e9", e3, "s2", "DOWN", GB))));
    broker =
        fake(
            control("fake-broker", ServiceRoles.BROKER)
                .get(
                    "/api/edges",
                    FROM_CONTROLLER,
                    r -> Response.text(200, "application/json", edges)));
    HttpServer analytics =
        fake(
            control("fake-analytics", ServiceRoles.ANALYTICS)
                .get(
                    "/api/top",
                    FROM_CONTROLLER,
                    r -> {
                      topQueries.add(
                          r.queryParam("site").orElse("")
                              + " "
                              + r.queryParam("window").orElse("")
                              + " "
                              + r.queryParam("k").orElse(""));
                      List<Map<String, Object>> titles =
                          REQUESTS.entrySet().stream()
                              .map(
                                  e ->
                                      Map.<String, Object>of(
                                          "key", e.getKey(), "count", e.getValue(), "error", 0))
                              .toList();
                      return Response.ok(
                          Map.of("site", r.queryParam("site").orElse("all"), "titles", titles));
                    }));
    HttpServer metadata = fake(catalog(HttpServer.builder("fake-metadata")));
    analyticsUrl = url(analytics);
    metadataUrl = url(metadata);
    controller = ControllerServer.start(config(null));
  }

  /** vid-metadata's {@code GET /api/videos/{id}} on the viewer listener of {@code builder}. */
  private static HttpServer.Builder catalog(HttpServer.Builder builder) {
    return builder
        .viewer("127.0.0.1", 0)
        .get(
            "/api/videos/{id}",
            Access.viewer(),
            r -> {
              if (r.param("id").equals("ghost")) throw ApiException.notFound("no video ghost");
              return Response.ok(
                  Map.of(
                      "id",
                      r.param("id"),
                      "durationSeconds",
                      600.0,
                      "renditions",
                      List.of(
                          Map.of("name", "360p", "bandwidth", 1_000_000),
                          Map.of("name", "720p", "bandwidth", 3_000_000))));
            });
  }

  private ControllerConfig config(Path batchSummary) {
    return new ControllerConfig(
            "127.0.0.1",
            0,
            url(broker),
            analyticsUrl,
            metadataUrl,
            Duration.ofHours(1),
            Duration.ofMinutes(5),
            100,
            0.5,
            new AllocationSettings(0.35, 15),
            0.5,
            2,
            GB,
            List.of(),
            batchSummary,
            Duration.ofSeconds(2),
            SecurityConfig.from(Settings.of(CREDS.settings(ServiceRoles.CONTROLLER, "controller"))))
        .withTriggers(TriggerSettings.at(dir.resolve("triggers")));
  }

  @AfterEach
  void stop() {
    controller.close();
    fakes.forEach(HttpServer::close);
  }

  @Test
  void recomputePushesEachUpEdgeOnePartitionOfTheSite() throws Exception {
    JsonNode plan = send("POST", "/api/allocations/recompute", 200);
    long generation = plan.path("generation").asLong();
    assertThat(generation).isPositive();
    assertThat(topQueries).containsExactly("s1 300s 100");
    JsonNode a1 = received.get("e1").getFirst();
    JsonNode a2 = received.get("e2").getFirst();
    assertThat(a1.path("generation").asLong()).isEqualTo(generation);
    assertThat(a1.path("edge").asText()).isEqualTo("e1");
    assertThat(a1.path("capacityBytes").asLong()).isEqualTo(GB);
    assertThat(a1.path("prefix").path("segments").asInt()).isEqualTo(15);

    // A head title is whole on its owner and a prefix elsewhere; any other title is held by one
    // edge at most.
    JsonNode site = plan.path("sites").get(0);
    Set<String> head = new HashSet<>();
    site.path("edges")
        .get(0)
        .path("placements")
        .forEach(
            p -> {
              if (p.path("reason").asText().equals("HEAD_REPLICATED"))
                head.add(p.path("videoId").asText());
            });
    assertThat(head).contains("v1");
    for (String title : REQUESTS.keySet()) {
      if (title.equals("ghost") || title.equals("Bad_Id")) continue;
      int holders = (holds(a1, title) ? 1 : 0) + (holds(a2, title) ? 1 : 0);
      int told =
          holders
              + (strings(a1.path("elsewhere")).contains(title) ? 1 : 0)
              + (strings(a2.path("elsewhere")).contains(title) ? 1 : 0);
      if (head.contains(title)) {
        assertThat(holders).as(title).isEqualTo(2);
      } else {
        assertThat(holders).as(title).isLessThanOrEqualTo(1);
        assertThat(told).as(title).isBetween(1, 2);
      }
    }
    assertThat(Json.string(a1) + Json.string(a2)).doesNotContain("ghost").doesNotContain("Bad_Id");

    assertThat(site.path("site").asText()).isEqualTo("s1");
    assertThat(site.path("edges")).hasSize(3);
    assertThat(site.path("duplicatedBytes").asLong()).isPositive();
    JsonNode e3 = site.path("edges").get(2);
    assertThat(e3.path("edge").asText()).isEqualTo("e3");
    assertThat(e3.path("capacityBytes").asLong()).as("default capacity").isEqualTo(GB);
    assertThat(e3.path("push").asText()).isEqualTo("UNREACHABLE");
    Set<String> reasons = new HashSet<>();
    site.path("edges")
        .forEach(e -> e.path("placements").forEach(p -> reasons.add(p.path("reason").asText())));
    assertThat(reasons).contains("HEAD_REPLICATED", "PEER_HOLDS");

    String metrics = text("/metrics");
    assertThat(metrics)
        .contains(
            "controller_pushes_total{instance=\"controller\",outcome=\"UNREACHABLE\",service=\"controller\"} 1.0");
    assertThat(metrics).contains("controller_plan_generation");

    JsonNode again = send("POST", "/api/allocations/recompute", 200);
    assertThat(again.path("generation").asLong()).isGreaterThan(generation);
    assertThat(received.get("e1")).hasSize(2);
    assertThat(send("GET", "/api/allocations", 200).path("generation").asLong())
        .isEqualTo(again.path("generation").asLong());
  }

  @Test
  void anUnreachableBrokerFailsTheRoundAndPushesNothing() throws Exception {
    long before = send("POST", "/api/allocations/recompute", 200).path("generation").asLong();
    fakes.remove(broker);
    broker.close();
    JsonNode error = send("POST", "/api/allocations/recompute", 503);
    assertThat(error.path("error").asText()).isEqualTo("unavailable");
    assertThat(error.path("message").asText()).contains("api/edges");
    assertThat(received.get("e1")).hasSize(1);
    assertThat(send("GET", "/api/allocations", 200).path("generation").asLong()).isEqualTo(before);
    assertThat(text("/metrics"))
        .contains(
            "controller_rounds_total{instance=\"controller\",outcome=\"failed\",service=\"controller\"} 1.0");
  }

  @Test
  void aColdStartIsSeededWithTheBatchSummary() throws Exception {
    Path summary = dir.resolve("summary.json");
    Files.writeString(
        summary,
        Json.string(
            Map.of(
                "topPerSite",
                Map.of(
                    "s1", List.of(Map.of("id", "v99", "requests", 50_000, "bytes", 1)),
                    "s2", List.of(Map.of("id", "v98", "requests", 10, "bytes", 1))))));
    controller.close();
    controller = ControllerServer.start(config(summary));
    JsonNode plan = send("POST", "/api/allocations/recompute", 200);
    Set<String> planned = new HashSet<>();
    plan.path("sites")
        .get(0)
        .path("edges")
        .get(0)
        .path("placements")
        .forEach(p -> planned.add(p.path("videoId").asText()));
    assertThat(planned).contains("v99", "v1").doesNotContain("v98", "ghost");
  }

  /**
   * {@code cdn up --viewer-https}: the catalog's viewer listener presents a viewer certificate the
   * internal CA did not issue; the controller reads it trusting {@code controller.metadata-ca}, and
   * without that trust the round fails rather than planning without sizes.
   */
  @Test
  void readsACatalogServedOverHttpsWithTheViewerCa() throws Exception {
    Map<String, String> settings = new java.util.HashMap<>(CREDS.settings("vid-metadata", "meta"));
    settings.putAll(CREDS.viewerTlsSettings());
    ServiceSecurity security =
        ServiceSecurity.load(SecurityConfig.from(Settings.of(settings)), "fake-metadata-https");
    HttpServer https =
        fake(catalog(HttpServer.builder("fake-metadata-https")).control("127.0.0.1", 0, security));
    metadataUrl = https.url();
    assertThat(metadataUrl).startsWith("https://");
    controller.close();
    controller = ControllerServer.start(config(null));
    assertThat(send("POST", "/api/allocations/recompute", 503).path("message").asText())
        .contains("/api/videos/");

    controller.close();
    controller = ControllerServer.start(withMetadataCa(config(null), CREDS.viewerCaCert()));
    JsonNode plan = send("POST", "/api/allocations/recompute", 200);
    assertThat(Json.string(plan)).contains("\"v1\"").doesNotContain("ghost");
  }

  private static ControllerConfig withMetadataCa(ControllerConfig c, Path ca) {
    return new ControllerConfig(
        c.host(),
        c.port(),
        c.brokerUrl(),
        c.analyticsUrl(),
        c.metadataUrl(),
        c.interval(),
        c.window(),
        c.topK(),
        c.keep(),
        c.allocation(),
        c.prefixRequestShare(),
        c.segmentSeconds(),
        c.defaultEdgeCapacity(),
        c.indexPeers(),
        c.batchSummary(),
        c.timeout(),
        c.security(),
        c.limits(),
        c.triggers(),
        ca,
        c.predict());
  }

  @Test
  void wrongMethodsAndPathsGetJsonErrors() throws Exception {
    assertThat(send("GET", "/api/allocations/recompute", 405).path("error").asText()).isNotEmpty();
    assertThat(send("GET", "/api/nothing", 404).path("error").asText()).isNotEmpty();
    assertThat(send("GET", "/api/allocations", 200).path("generation").asLong()).isZero();
  }

  private static boolean holds(JsonNode allocation, String title) {
    return strings(allocation.path("whole")).contains(title)
        || strings(allocation.path("prefix").path("videoIds")).contains(title);
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private HttpServer edge(String name) {
    return fake(
        control("fake-" + name, ServiceRoles.EDGE)
            .post(
                "/internal/allocation",
                FROM_CONTROLLER,
                r -> {
                  received.get(name).add(r.jsonTree());
                  return Response.noContent();
                }));
  }

  private HttpServer fake(HttpServer.Builder builder) {
    HttpServer server = builder.start();
    fakes.add(server);
    return server;
  }

  private JsonNode send(String method, String path, int status) throws Exception {
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(URI.create(controller.url() + path))
                .header("Authorization", "Bearer " + CREDS.token(OperatorRole.OPERATOR))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode())
        .as(method + " " + path + ": " + response.body())
        .isEqualTo(status);
    return Json.MAPPER.readTree(response.body());
  }

  private String text(String path) throws Exception {
    return client
        .send(
            HttpRequest.newBuilder(URI.create(controller.url() + path))
                .header("Authorization", "Bearer " + CREDS.token(OperatorRole.READONLY))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }
}
