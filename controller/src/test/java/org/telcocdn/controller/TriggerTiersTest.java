package org.telcocdn.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.telcocdn.controller.ControllerFakes.control;
import static org.telcocdn.controller.ControllerFakes.edgeView;
import static org.telcocdn.controller.ControllerFakes.url;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.common.config.ConfigException;
import org.telcocdn.common.http.Access;
import org.telcocdn.common.http.ApiException;
import org.telcocdn.common.http.HttpServer;
import org.telcocdn.common.http.Response;
import org.telcocdn.common.json.Json;
import org.telcocdn.controller.trigger.CacheTiers;
import org.telcocdn.controller.trigger.TriggerSettings;
import org.telcocdn.index.IndexClient;
import org.telcocdn.index.IndexCluster;
import org.telcocdn.index.IndexCommand.Admission;
import org.telcocdn.index.IndexCommand.ReportHoldings;
import org.telcocdn.security.OperatorRole;
import org.telcocdn.security.ServiceRoles;
import org.telcocdn.testkit.Await;
import org.telcocdn.testkit.TestCredentials;

/**
 * The tiers' part of a trigger's status (docs/continuum.md, "The tiers' part"): what each tier
 * cache sent the units, from the edges' reports, and which of the trigger's titles it holds, from a
 * real cache index member. Fakes on port 0: the broker (sites s1 and s2), the catalog, edge e1
 * under regional-1 and edge e3 directly under cloud-tier-1, as {@code CloudTierTest} runs them.
 */
class TriggerTiersTest {
  private static final TestCredentials CREDS = TestCredentials.shared();
  private static final Access FROM_CONTROLLER = Access.services(ServiceRoles.CONTROLLER);
  private static final String TO_BOTH_SITES =
      """
      {"trigger": {"type": "preposition", "content.ccid": ["v1"]}}
      """;
  private static final CacheTiers TIERS =
      CacheTiers.parse("regional-1=regional,regional-2=regional,cloud-tier-1=cloud");

  private final HttpClient client = TestCredentials.http(CREDS.operatorTls());
  private final List<HttpServer> fakes = new ArrayList<>();
  private final Map<String, Integer> jobs = new ConcurrentHashMap<>();
  private IndexCluster index;
  private IndexClient reporter;
  private ControllerServer controller;
  @TempDir Path dir;

  @BeforeEach
  void start() {
    index = IndexCluster.start(dir.resolve("index"), 1);
    reporter = index.client();
    for (String cache : List.of("regional-1", "regional-2", "cloud-tier-1", "e1", "e3"))
      reporter.addEdge(cache, 1L << 30);
    String edges =
        Json.string(
            Map.of(
                "edges",
                List.of(
                    edgeView("e1", edge("e1", "regional-1"), "s1", "UP", 1L << 30),
                    edgeView("e3", edge("e3", "cloud-tier-1"), "s2", "UP", 1L << 30))));
    HttpServer broker =
        fake(
            control("fake-broker", ServiceRoles.BROKER)
                .get(
                    "/api/edges",
                    FROM_CONTROLLER,
                    r -> Response.text(200, "application/json", edges)));
    HttpServer metadata = fake(ControllerFakes.catalog());
    controller = ControllerServer.start(config(url(broker), url(metadata)));
  }

  @AfterEach
  void stop() {
    controller.close();
    fakes.forEach(HttpServer::close);
    reporter.close();
    index.close();
  }

  @Test
  void eachTierCacheShowsWhatItSentTheUnitsAndWhichTitlesTheIndexSaysItHolds() {
    report("regional-1", "v1");
    String location = created(TO_BOTH_SITES);
    JsonNode done = awaitStatus(location, "complete");
    JsonNode progress = done.path("progress");
    assertThat(progress.path("objectsDone").asLong())
        .as("the edges' fields unchanged")
        .isEqualTo(8);
    assertThat(progress.path("bytesDone").asLong()).isEqualTo(8000);
    assertThat(
            progress.path("sites").path("s1").path("units").get(0).path("sourceBytes").toString())
        .isEqualTo("{\"parent:regional-1\":4000}");

    JsonNode tiers = progress.path("tiers");
    assertThat(tiers.properties())
        .extracting(Map.Entry::getKey)
        .containsExactly("cloud-tier-1", "regional-1", "regional-2");
    assertThat(tiers.path("regional-1").toString())
        .isEqualTo(
            "{\"tier\":\"regional\",\"objectsServed\":4,\"bytesServed\":4000,\"titlesHeld\":[\"v1\"]}");
    assertThat(tiers.path("cloud-tier-1").toString())
        .as("e3 filled from the cloud tier; the index has no report of it holding v1 yet")
        .isEqualTo(
            "{\"tier\":\"cloud\",\"objectsServed\":4,\"bytesServed\":4000,\"titlesHeld\":[]}");
    assertThat(tiers.path("regional-2").toString())
        .isEqualTo(
            "{\"tier\":\"regional\",\"objectsServed\":0,\"bytesServed\":0,\"titlesHeld\":[]}");

    report("cloud-tier-1", "v1");
    assertThat(get(location).path("progress").path("tiers").path("cloud-tier-1").path("titlesHeld"))
        .as("read from the index at each GET, not stored with the trigger")
        .hasSize(1);
  }

  @Test
  void anIndexThatCannotAnswerLeavesTheHoldingsOutAndTheStatusAnswers() {
    String location = created(TO_BOTH_SITES);
    awaitStatus(location, "complete");
    index.stop("n1");
    // The read waits controller.timeout (2 s here), then answers without the holdings.
    JsonNode tiers = get(location).path("progress").path("tiers");
    assertThat(tiers.path("regional-1").has("titlesHeld")).isFalse();
    assertThat(tiers.path("regional-1").path("objectsServed").asLong()).isEqualTo(4);
    assertThat(tiers.path("cloud-tier-1").path("bytesServed").asLong()).isEqualTo(4000);
  }

  @Test
  void badCacheTiersNameTheKey() {
    for (String bad : List.of("regional-1", "regional-1=edge", "=cloud", "a=cloud,a=regional")) {
      assertThatThrownBy(() -> CacheTiers.parse(bad))
          .as(bad)
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("controller.cache-tiers");
    }
    assertThat(CacheTiers.parse("").byName()).isEmpty();
  }

  private void report(String cache, String videoId) {
    reporter.reportHoldings(
        List.of(new ReportHoldings(cache, List.of(new Admission(videoId, 0)), List.of())));
  }

  private ControllerConfig config(String brokerUrl, String metadataUrl) {
    return ControllerFakes.triggerConfig(
        brokerUrl,
        metadataUrl,
        index.peers(),
        TriggerSettings.at(dir.resolve("triggers")).withCacheTiers(TIERS));
  }

  /** An edge whose jobs finish in four polls, every object from {@code parent}. */
  private HttpServer edge(String name, String parent) {
    return fake(
        control("fake-" + name, ServiceRoles.EDGE)
            .post(
                "/internal/preposition",
                FROM_CONTROLLER,
                r -> {
                  String job = name + "/" + r.jsonTree().path("job").asText();
                  jobs.putIfAbsent(job, 0);
                  return Response.json(202, job(job, parent, 0));
                })
            .get(
                "/internal/preposition/{job}",
                FROM_CONTROLLER,
                r -> {
                  String job = name + "/" + r.param("job");
                  if (!jobs.containsKey(job)) throw ApiException.notFound("no job");
                  return Response.ok(
                      job(job, parent, jobs.merge(job, 1, (a, b) -> Math.min(4, a + b))));
                }));
  }

  private static Map<String, Object> job(String job, String parent, int done) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("job", job.substring(job.indexOf('/') + 1));
    body.put("state", done == 4 ? "done" : "running");
    body.put("objects", 4);
    body.put("bytes", 4000);
    body.put("objectsDone", done);
    body.put("bytesDone", done * 1000L);
    body.put("failedObjects", 0);
    body.put("source", done == 0 ? "parents" : "parent:" + parent);
    body.put("sources", done == 0 ? Map.of() : Map.of("parent:" + parent, done));
    body.put("sourceBytes", done == 0 ? Map.of() : Map.of("parent:" + parent, done * 1000L));
    return body;
  }

  private HttpServer fake(HttpServer.Builder builder) {
    HttpServer server = builder.start();
    fakes.add(server);
    return server;
  }

  private String created(String body) {
    HttpResponse<String> response = send("POST", "/api/triggers", body, OperatorRole.OPERATOR);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return response.headers().firstValue("Location").orElseThrow();
  }

  private JsonNode awaitStatus(String location, String status) {
    Await.until(
        Duration.ofSeconds(15),
        location + " " + status,
        () -> get(location).path("status").asText().equals(status));
    return get(location);
  }

  private JsonNode get(String path) {
    HttpResponse<String> response = send("GET", path, null, OperatorRole.READONLY);
    assertThat(response.statusCode()).as("GET " + path + ": " + response.body()).isEqualTo(200);
    try {
      return Json.MAPPER.readTree(response.body());
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private HttpResponse<String> send(String method, String path, String body, OperatorRole role) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(controller.url() + path))
            .header("Authorization", "Bearer " + CREDS.token(role))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
