package org.telcocdn.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.telcocdn.controller.ControllerFakes.control;
import static org.telcocdn.controller.ControllerFakes.url;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.common.http.Access;
import org.telcocdn.common.http.ApiException;
import org.telcocdn.common.http.HttpServer;
import org.telcocdn.common.http.Response;
import org.telcocdn.common.json.Json;
import org.telcocdn.controller.trigger.TriggerSettings;
import org.telcocdn.security.OperatorRole;
import org.telcocdn.security.ServiceRoles;
import org.telcocdn.testkit.Await;
import org.telcocdn.testkit.TestCredentials;

/**
 * The CI/T interface's contract (RFC 8007 as docs/continuum.md states it): the state machine, bad
 * input, cancel, and a restart of the controller in the middle of a trigger, against real HTTP
 * fakes of the broker, the catalog and three edges on port 0.
 */
class TriggerApiTest {
  private static final TestCredentials CREDS = TestCredentials.shared();
  private static final Access FROM_CONTROLLER = Access.services(ServiceRoles.CONTROLLER);
  private static final String EXACT =
      """
      {"trigger": {"type": "preposition", "content.ccid": ["v1"], "extensions": [{"generic-trigger-extension-type": "CIT.LocationPolicy", "generic-trigger-extension-value": {"locations": [{"action": "allow", "footprints": [{"footprint-type": "site", "footprint-value": ["s1"]}]}]}, "mandatory-to-enforce": true}]}}
      """;

  private final HttpClient client = TestCredentials.http(CREDS.operatorTls());
  private final List<HttpServer> fakes = new ArrayList<>();
  private final List<String> pushes = new CopyOnWriteArrayList<>();
  private final List<String> cancels = new CopyOnWriteArrayList<>();
  private final List<String> invalidations = new CopyOnWriteArrayList<>();

  /** Per job: objects done so far; a job is done at 4 of 4. */
  private final Map<String, Integer> jobs = new ConcurrentHashMap<>();

  private volatile boolean edgesComplete = true;
  private volatile String refusingEdge = "";
  private String brokerUrl;
  private String metadataUrl;
  private ControllerServer controller;
  @TempDir Path dir;

  @BeforeEach
  void start() {
    HttpServer e1 = edge("e1");
    HttpServer e2 = edge("e2");
    HttpServer e3 = edge("e3");
    String edges =
        Json.string(
            Map.of(
                "edges",
                List.of(
                    ControllerFakes.edgeView("e1", e1, "s1", "UP", 1L << 30),
                    ControllerFakes.edgeView("e2", e2, "s1", "UP", 1L << 30),
                    ControllerFakes.edgeView("e3", e3, "s2", "UP", 1L << 30))));
    HttpServer broker =
        fake(
            control("fake-broker", ServiceRoles.BROKER)
                .get(
                    "/api/edges",
                    FROM_CONTROLLER,
                    r -> Response.text(200, "application/json", edges))
                .post(
                    "/api/invalidations",
                    FROM_CONTROLLER,
                    r -> {
                      invalidations.add(r.jsonTree().path("videoId").asText());
                      return Response.json(202, Map.of());
                    }));
    HttpServer metadata = fake(ControllerFakes.catalog());
    brokerUrl = url(broker);
    metadataUrl = url(metadata);
    controller = ControllerServer.start(config());
  }

  private ControllerConfig config() {
    return ControllerFakes.triggerConfig(
        brokerUrl, metadataUrl, List.of(), TriggerSettings.at(dir.resolve("triggers")));
  }

  @AfterEach
  void stop() {
    controller.close();
    fakes.forEach(HttpServer::close);
  }

  @Test
  void theIssuesBodyIsAcceptedAndTheTitleGoesToOneEdgeOfTheSite() throws Exception {
    HttpResponse<String> created = post(EXACT, OperatorRole.OPERATOR);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String location = created.headers().firstValue("Location").orElseThrow();
    JsonNode body = Json.MAPPER.readTree(created.body());
    assertThat(location).isEqualTo("/api/triggers/" + body.path("id").asText());
    assertThat(body.path("status").asText()).isEqualTo("pending");
    assertThat(body.path("trigger")).isEqualTo(Json.MAPPER.readTree(EXACT).path("trigger"));
    assertThat(body.path("ctime").asLong()).isPositive();

    JsonNode done = awaitStatus(location, "complete");
    assertThat(done.path("errors")).isEmpty();
    assertThat(done.path("etime").asLong()).isGreaterThanOrEqualTo(done.path("ctime").asLong());
    JsonNode s1 = done.path("progress").path("sites").path("s1");
    assertThat(s1.path("objectsDone").asLong()).isEqualTo(4);
    assertThat(s1.path("objectsTotal").asLong()).isEqualTo(4);
    assertThat(s1.path("bytesDone").asLong()).isEqualTo(4000);
    assertThat(s1.path("units")).hasSize(1);
    JsonNode unit = s1.path("units").get(0);
    assertThat(unit.path("source").asText())
        .as("the edge's word: its parent sent the objects")
        .isEqualTo("parent:regional-1");
    assertThat(unit.path("sources").toString()).isEqualTo("{\"parent:regional-1\":4}");
    assertThat(done.path("progress").path("tiers").path("regional-1").toString())
        .as("a parent the units named, of no tier the controller was told (no index either)")
        .isEqualTo("{\"tier\":\"parent\",\"objectsServed\":4,\"bytesServed\":0}");
    assertThat(done.path("progress").path("sites").has("s2")).isFalse();
    assertThat(pushes).hasSize(1).allMatch(p -> p.startsWith("e1 ") || p.startsWith("e2 "));
    assertThat(pushes.getFirst()).endsWith(" v1");

    JsonNode completeOnly = get("/api/triggers?status=complete", 200);
    assertThat(completeOnly.path("triggers")).hasSize(1);
    assertThat(completeOnly.path("triggers").get(0).asText()).isEqualTo(location);
    assertThat(completeOnly.path("staleresourcetime").asLong()).isGreaterThanOrEqualTo(86_400);
    assertThat(get("/api/triggers?status=active", 200).path("triggers")).isEmpty();
    assertThat(get("/api/triggers?status=done", 400).path("message").asText()).contains("status");
  }

  /**
   * RFC 8007 section 5.1: commands are {@code application/cdni; ptype=ci-trigger-command} (or plain
   * JSON, as the issue's scripts send them); answers name the status and collection types with the
   * same bodies; anything else is a 415 that names what is accepted.
   */
  @Test
  void commandsInTheRfcsMediaTypeOrJsonAndAnswersInTheRfcsTypes() throws Exception {
    HttpResponse<String> cdni =
        send(
            "POST",
            "/api/triggers",
            EXACT,
            OperatorRole.OPERATOR,
            "application/cdni; ptype=ci-trigger-command");
    assertThat(cdni.statusCode()).as(cdni.body()).isEqualTo(201);
    assertThat(contentType(cdni)).isEqualTo("application/cdni; ptype=ci-trigger-status");
    assertThat(Json.MAPPER.readTree(cdni.body()).path("trigger"))
        .isEqualTo(Json.MAPPER.readTree(EXACT).path("trigger"));
    String location = cdni.headers().firstValue("Location").orElseThrow();
    HttpResponse<String> status = send("GET", location, null, OperatorRole.READONLY);
    assertThat(contentType(status)).isEqualTo("application/cdni; ptype=ci-trigger-status");
    HttpResponse<String> collection = send("GET", "/api/triggers", null, OperatorRole.READONLY);
    assertThat(contentType(collection)).isEqualTo("application/cdni; ptype=ci-trigger-collection");
    assertThat(Json.MAPPER.readTree(collection.body()).path("triggers").get(0).asText())
        .isEqualTo(location);
    for (String accepted :
        List.of(
            "application/json; charset=utf-8", "Application/CDNI;PTYPE=\"ci-trigger-command\"")) {
      HttpResponse<String> created =
          send("POST", "/api/triggers", EXACT, OperatorRole.OPERATOR, accepted);
      assertThat(created.statusCode()).as(accepted + ": " + created.body()).isEqualTo(201);
    }

    for (String refused :
        List.of(
            "text/plain",
            "application/x-www-form-urlencoded",
            "application/cdni; ptype=ci-trigger-status",
            "application/cdni")) {
      HttpResponse<String> answer =
          send("POST", "/api/triggers", EXACT, OperatorRole.OPERATOR, refused);
      assertThat(answer.statusCode()).as(refused).isEqualTo(415);
      JsonNode error = Json.MAPPER.readTree(answer.body());
      assertThat(error.path("error").asText()).isEqualTo("unsupported_media_type");
      assertThat(error.path("message").asText())
          .contains("application/cdni; ptype=ci-trigger-command")
          .contains(refused);
      assertThat(answer.headers().firstValue("Accept-Post").orElseThrow())
          .contains("application/cdni; ptype=ci-trigger-command")
          .contains("application/json");
    }
    HttpResponse<String> none = send("POST", "/api/triggers", EXACT, OperatorRole.OPERATOR, null);
    assertThat(none.statusCode()).isEqualTo(415);
    assertThat(none.body()).contains("was none");
    assertThat(get("/api/triggers", 200).path("coll-count").asInt())
        .as("only the three accepted commands made triggers")
        .isEqualTo(3);
  }

  private static JsonNode unitOf(JsonNode status) {
    return status.path("progress").path("sites").path("s1").path("units").get(0);
  }

  private static String contentType(HttpResponse<String> response) {
    return response.headers().firstValue("Content-Type").orElseThrow();
  }

  @Test
  void badInputIsA400NamingTheField() throws Exception {
    long now = System.currentTimeMillis() / 1000;
    assertThat(
            refused(
                "{\"trigger\":{\"type\":\"preposition\",\"content.patterns\":[\"https://x/videos/*\"]}}"))
        .contains("trigger.content.patterns");
    assertThat(
            refused(
                "{\"trigger\":{\"type\":\"preposition\",\"content.ccid\":[\"v1\"],\"extensions\":[{\"generic-trigger-extension-type\":\"CIT.TimePolicy\",\"generic-trigger-extension-value\":{\"windows\":[{\"start\":"
                    + (now + 100)
                    + ",\"end\":"
                    + (now + 50)
                    + "}]}}]}}"))
        .contains("trigger.extensions[0].generic-trigger-extension-value.windows[0].end");
    assertThat(
            refused(
                "{\"trigger\":{\"type\":\"preposition\",\"content.ccid\":[\"v1\"],\"extensions\":[{\"generic-trigger-extension-type\":\"CIT.TimePolicy\",\"generic-trigger-extension-value\":{\"windows\":[{\"start\":"
                    + (now - 100)
                    + ",\"end\":"
                    + (now - 50)
                    + "}]}}]}}"))
        .contains("end")
        .contains("in the past");
    assertThat(refused(EXACT.replace("\"s1\"", "\"nowhere\"")))
        .contains("footprint-value")
        .contains("unknown site 'nowhere'");
    assertThat(refused("{\"trigger\":{\"type\":\"prefetch\",\"content.ccid\":[\"v1\"]}}"))
        .contains("trigger.type");
    assertThat(refused("{\"trigger\":{\"type\":\"preposition\"}}")).contains("no target");
    assertThat(refused("{\"trigger\":{\"type\":\"preposition\",\"content.urls\":[\"/relative\"]}}"))
        .contains("trigger.content.urls");
    assertThat(refused("{\"nothing\":1}")).contains("CI/T command");
    assertThat(
            refused(
                "{\"trigger\":{\"type\":\"preposition\",\"content.ccid\":[\"v1\"],\"extensions\":[{\"generic-trigger-extension-type\":\"CIT.Teleport\",\"mandatory-to-enforce\":true}]}}"))
        .contains("CIT.Teleport");
    assertThat(get("/api/triggers", 200).path("coll-count").asInt()).isZero();
    assertThat(post(EXACT, OperatorRole.READONLY).statusCode()).isEqualTo(403);
  }

  @Test
  void unknownTitlesFailWithEcontentNamingThem() throws Exception {
    String location =
        created("{\"trigger\":{\"type\":\"preposition\",\"content.ccid\":[\"ghost\",\"gone\"]}}");
    JsonNode failed = awaitStatus(location, "failed");
    JsonNode error = failed.path("errors").get(0);
    assertThat(error.path("error").asText()).isEqualTo("econtent");
    assertThat(error.path("content.ccid").toString()).contains("ghost").contains("gone");
    assertThat(error.path("message").asText()).contains("ghost");
    assertThat(pushes).isEmpty();

    String partly =
        created("{\"trigger\":{\"type\":\"preposition\",\"content.ccid\":[\"v2\",\"ghost\"]}}");
    JsonNode processed = awaitStatus(partly, "processed");
    assertThat(processed.path("errors").get(0).path("content.ccid").toString())
        .contains("ghost")
        .doesNotContain("v2");
    assertThat(processed.path("progress").path("sites").fieldNames())
        .toIterable()
        .containsExactly("s1", "s2");
  }

  @Test
  void anEdgeWithoutRoomMakesAPartialCompletionNamingTheSite() throws Exception {
    String location = created("{\"trigger\":{\"type\":\"preposition\",\"content.ccid\":[\"v3\"]}}");
    refusingEdge = "e3";
    JsonNode processed = awaitStatus(location, "processed");
    JsonNode error = processed.path("errors").get(0);
    assertThat(error.path("error").asText()).isEqualTo("ereject");
    assertThat(error.path("sites").toString()).contains("s2");
    assertThat(error.path("message").asText()).contains("no room");
    JsonNode s2 = processed.path("progress").path("sites").path("s2").path("units").get(0);
    assertThat(s2.path("state").asText()).isEqualTo("refused");
    assertThat(processed.path("progress").path("sites").path("s1").path("objectsDone").asLong())
        .isEqualTo(4);
  }

  @Test
  void cancelStopsTheEdgesJobsByPostAndByDelete() throws Exception {
    edgesComplete = false;
    String first = created(EXACT);
    Await.until(Duration.ofSeconds(10), "condition", () -> !pushes.isEmpty());
    HttpResponse<String> cancel =
        send("POST", "/api/triggers", "{\"cancel\":[\"" + first + "\"]}", OperatorRole.OPERATOR);
    assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(200);
    JsonNode cancelled = awaitStatus(first, "cancelled");
    assertThat(cancelled.path("errors").get(0).path("error").asText()).isEqualTo("ecanceled");
    assertThat(cancels).hasSize(1);

    String second = created("{\"trigger\":{\"type\":\"preposition\",\"content.ccid\":[\"v5\"]}}");
    Await.until(Duration.ofSeconds(10), "condition", () -> pushes.size() == 3);
    assertThat(send("DELETE", second, null, OperatorRole.OPERATOR).statusCode()).isEqualTo(200);
    awaitStatus(second, "cancelled");
    assertThat(cancels).hasSize(3);
    // A finished trigger's DELETE forgets it.
    assertThat(send("DELETE", second, null, OperatorRole.OPERATOR).statusCode()).isEqualTo(204);
    get(second, 404);
    assertThat(
            send(
                    "POST",
                    "/api/triggers",
                    "{\"cancel\":[\"/api/triggers/nope\"]}",
                    OperatorRole.OPERATOR)
                .statusCode())
        .isEqualTo(404);
  }

  @Test
  void aRestartedControllerResumesFromItsStoreWithoutPushingAgain() throws Exception {
    edgesComplete = false;
    String location = created(EXACT);
    Await.until(
        Duration.ofSeconds(10),
        "condition",
        () -> !jobs.isEmpty() && jobs.values().iterator().next() >= 2);
    JsonNode before = get(location, 200);
    assertThat(before.path("status").asText()).isEqualTo("active");
    controller.close();

    controller = ControllerServer.start(config());
    JsonNode after = get(location, 200);
    assertThat(after.path("id").asText()).isEqualTo(before.path("id").asText());
    assertThat(unitOf(after).path("source").asText()).isEqualTo("parent:regional-1");
    assertThat(after.path("ctime").asLong()).isEqualTo(before.path("ctime").asLong());
    assertThat(after.path("status").asText()).isEqualTo("active");
    edgesComplete = true;
    JsonNode done = awaitStatus(location, "complete");
    assertThat(done.path("progress").path("objectsDone").asLong()).isEqualTo(4);
    assertThat(pushes).as("the running unit is read, not pushed again").hasSize(1);
  }

  @Test
  void aFutureWindowKeepsItPendingWithItsStartAsEtime() throws Exception {
    long start = System.currentTimeMillis() / 1000 + 3600;
    String location =
        created(
            "{\"trigger\":{\"type\":\"preposition\",\"content.ccid\":[\"v1\"],\"extensions\":[{\"generic-trigger-extension-type\":\"CIT.TimePolicy\",\"generic-trigger-extension-value\":{\"windows\":[{\"start\":"
                + start
                + ",\"end\":"
                + (start + 600)
                + "}]}},{\"generic-trigger-extension-type\":\"CIT.ExecutionPolicy\",\"generic-trigger-extension-value\":{\"priority\":50,\"max-fill-rate\":1000000}}]}}");
    Await.until(
        Duration.ofSeconds(5),
        "condition",
        () -> get(location, 200).path("etime").asLong() == start);
    assertThat(get(location, 200).path("status").asText()).isEqualTo("pending");
    assertThat(pushes).isEmpty();
  }

  @Test
  void invalidateAndPurgeGoThroughTheBroker() throws Exception {
    String location =
        created(
            "{\"trigger\":{\"type\":\"invalidate\",\"content.ccid\":[\"v1\"],\"content.urls\":[\"http://edge.example/videos/v2/720p/seg_00001.m4s\"],\"content.patterns\":[\"https://edge.example/videos/v3/*\"]}}");
    awaitStatus(location, "complete");
    String purge = created("{\"trigger\":{\"type\":\"purge\",\"content.ccid\":[\"v4\"]}}");
    awaitStatus(purge, "complete");
    assertThat(invalidations).containsExactly("v1", "v2", "v3", "v4");
  }

  private String refused(String body) throws Exception {
    HttpResponse<String> response = post(body, OperatorRole.OPERATOR);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    return Json.MAPPER.readTree(response.body()).path("message").asText();
  }

  private String created(String body) throws Exception {
    HttpResponse<String> response = post(body, OperatorRole.OPERATOR);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return response.headers().firstValue("Location").orElseThrow();
  }

  private JsonNode awaitStatus(String location, String status) {
    Await.until(
        Duration.ofSeconds(15),
        location + " " + status,
        () -> get(location, 200).path("status").asText().equals(status));
    return get(location, 200);
  }

  private HttpServer edge(String name) {
    return fake(
        control("fake-" + name, ServiceRoles.EDGE)
            .post(
                "/internal/preposition",
                FROM_CONTROLLER,
                r -> {
                  String job = r.jsonTree().path("job").asText();
                  pushes.add(name + " " + r.jsonTree().path("videoId").asText());
                  if (name.equals(refusingEdge))
                    throw new ApiException(409, "no_room", "no room: 4000 bytes over the budget");
                  jobs.putIfAbsent(job, 0);
                  return Response.json(202, job(job, "running"));
                })
            .get(
                "/internal/preposition/{job}",
                FROM_CONTROLLER,
                r -> {
                  String job = r.param("job");
                  if (!jobs.containsKey(job)) throw ApiException.notFound("no job");
                  int done = jobs.merge(job, 1, (a, b) -> Math.min(edgesComplete ? 4 : 3, a + b));
                  return Response.ok(job(job, done == 4 ? "done" : "running"));
                })
            .delete(
                "/internal/preposition/{job}",
                FROM_CONTROLLER,
                r -> {
                  cancels.add(name + " " + r.param("job"));
                  return Response.ok(job(r.param("job"), "cancelled"));
                }));
  }

  /** As an edge under a regional cache answers: planned "parents", then where objects came from. */
  private Map<String, Object> job(String job, String state) {
    int done = jobs.getOrDefault(job, 0);
    Map<String, Object> body = new java.util.LinkedHashMap<>();
    body.put("job", job);
    body.put("state", state);
    body.put("objects", 4);
    body.put("bytes", 4000);
    body.put("objectsDone", done);
    body.put("bytesDone", done * 1000L);
    body.put("failedObjects", 0);
    body.put("source", done == 0 ? "parents" : "parent:regional-1");
    body.put("sources", done == 0 ? Map.of() : Map.of("parent:regional-1", done));
    return body;
  }

  private HttpServer fake(HttpServer.Builder builder) {
    HttpServer server = builder.start();
    fakes.add(server);
    return server;
  }

  private HttpResponse<String> post(String body, OperatorRole role) throws Exception {
    return send("POST", "/api/triggers", body, role);
  }

  private JsonNode get(String path, int status) {
    try {
      HttpResponse<String> response = send("GET", path, null, OperatorRole.READONLY);
      assertThat(response.statusCode())
          .as("GET " + path + ": " + response.body())
          .isEqualTo(status);
      return Json.MAPPER.readTree(response.body());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private HttpResponse<String> send(String method, String path, String body, OperatorRole role)
      throws Exception {
    return send(method, path, body, role, "application/json");
  }

  /** {@code contentType} null: no Content-Type header. */
  private HttpResponse<String> send(
      String method, String path, String body, OperatorRole role, String contentType)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(controller.url() + path))
            .header("Authorization", "Bearer " + CREDS.token(role))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) request.header("Content-Type", contentType);
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
