package org.telcocdn.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.accesslog.AccessEvent;
import org.telcocdn.accesslog.AccessRecord;
import org.telcocdn.accesslog.ClientAddress;
import org.telcocdn.accesslog.RecordJson;
import org.telcocdn.analytics.AnalyticsConfig;
import org.telcocdn.analytics.AnalyticsServer;
import org.telcocdn.broker.BrokerServer;
import org.telcocdn.common.http.Access;
import org.telcocdn.common.http.Listener;
import org.telcocdn.common.http.Router;
import org.telcocdn.common.json.Json;
import org.telcocdn.common.service.Service;
import org.telcocdn.controller.ControllerServer;
import org.telcocdn.index.IndexConfig;
import org.telcocdn.index.IndexServer;
import org.telcocdn.metadata.MetadataServer;
import org.telcocdn.raw.OriginServer;
import org.telcocdn.security.ServiceIdentity;
import org.telcocdn.security.ServiceRoles;
import org.telcocdn.testkit.Await;
import org.telcocdn.testkit.FreePorts;
import org.telcocdn.testkit.TestCredentials;

/**
 * Every control route of every service refuses callers without credentials (401) and callers with
 * the wrong role (403), changes nothing when it refuses, and does not exist on the viewer listener
 * (404). The routes come from each service's own router ({@link Service#routes()}), each with the
 * access it was declared with, so a route added later is called here without editing this test.
 *
 * <p>The whole system runs in this JVM on port 0 (three index members, metadata, broker, origin,
 * two edges of one site with replication on, analytics, controller, client), with the same wiring
 * as {@code cdn up} and real certificates: the routers are the production ones, so every service's
 * router is covered as it would be in separate processes. Before the calls the system holds state
 * worth destroying: a video in the catalog and on the origin, its objects cached on an edge and
 * named in the index, an allocation pushed to the edges, and records in analytics.
 */
class RouteCoverageIT {
  private static final TestCredentials CREDS = TestCredentials.shared();
  private static final Duration GENEROUS = Duration.ofSeconds(30);
  private static final Operator ADMIN = Operator.admin();
  private static final HttpClient VIEWER =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private static final HttpClient NO_CREDENTIALS = TestCredentials.http(CREDS.operatorTls());

  @TempDir static Path dir;
  private static final Map<String, Service> services = new LinkedHashMap<>();
  private static final List<Service> started = new ArrayList<>();
  private static String videoId;

  @BeforeAll
  static void start() throws Exception {
    int[] raft = FreePorts.many(3);
    String peers =
        "n1=127.0.0.1:" + raft[0] + ",n2=127.0.0.1:" + raft[1] + ",n3=127.0.0.1:" + raft[2];
    List.of("n1", "n2", "n3").parallelStream()
        .map(
            id ->
                IndexServer.start(
                    IndexConfig.forTests(
                        id,
                        peers,
                        dir.resolve("index").resolve(id),
                        CREDS.settings(ServiceRoles.INDEX, id))))
        .toList()
        .forEach(m -> track(m.id(), m));
    BrokerServer broker =
        track(
            "broker",
            InProcess.broker(Map.of("broker.index.peers", peers, "broker.background-nice", "0")));
    MetadataServer metadata = track("vid-metadata", InProcess.metadata(dir, broker));
    OriginServer origin = track("vid-raw", InProcess.origin(dir, metadata));
    for (String name : List.of("edge-1", "edge-2")) {
      // nothing gets hot: no pushes or repairs between the edges change what they hold during the
      // test
      track(
          name,
          InProcess.edge(
              name,
              dir,
              origin,
              broker,
              Map.of(
                  "edge.access-log.dir",
                  dir.resolve("access").toString(),
                  "edge.index.peers",
                  peers,
                  "edge.replication.hot-requests",
                  "100000")));
    }
    AnalyticsServer analytics =
        track(
            "analytics",
            AnalyticsServer.start(
                AnalyticsConfig.from(
                    InProcess.settings(
                        ServiceIdentity.of(ServiceRoles.ANALYTICS, "analytics"),
                        Map.of(
                            "analytics.port",
                            "0",
                            "analytics.control-port",
                            "0",
                            // no tailing: records come only from POST /api/logs, so the count says
                            // whether one got through
                            "analytics.log-dir",
                            "",
                            "analytics.state-dir",
                            dir.resolve("analytics").toString()),
                        Map.of()))));
    ControllerServer controller =
        track(
            "controller",
            InProcess.controller(
                dir,
                broker,
                analytics.controlUrl(),
                metadata,
                Map.of("controller.index.peers", peers)));
    track(
        "client",
        InProcess.client(
            metadata, broker, analytics.url(), analytics.controlUrl(), controller.controlUrl()));
    Await.until(
        GENEROUS, "both edges UP at the broker", () -> ADMIN.upEdges(broker.controlUrl()) == 2);
    videoId =
        (String)
            ADMIN
                .ingest(origin.url(), SampleContent.file(), "Route coverage card", "e2e")
                .get("id");
    fillEdge1();
    Await.until(GENEROUS, "the controller's first round pushed", () -> generation() > 0);
    shipOneRecord(analytics);
    Await.until(GENEROUS, "analytics holds the shipped record", () -> analyticsRecords() > 0);
  }

  @AfterAll
  static void stop() {
    for (int i = started.size() - 1; i >= 0; i--) started.get(i).close();
  }

  @Test
  void
      everyControlRoute_refusesTheUnauthenticatedAndTheWrongRole_changesNothing_andIsNotOnTheViewerListener() {
    Map<String, Object> before = state();
    RouteProbes probes = new RouteProbes(videoId, CREDS);
    List<String> checked = new ArrayList<>();
    List<String> wrong = new ArrayList<>();
    List<String> open = new ArrayList<>();
    services.forEach(
        (name, service) -> {
          for (Router.Route route : service.routes()) {
            Access access = route.access();
            if (access.listener() == Listener.CONTROL && access.open())
              open.add(name + " " + route.method() + " " + route.template());
            if (access.listener() != Listener.CONTROL || access.open()) continue;
            String path = probes.path(route);
            expect(
                wrong,
                name,
                route,
                "no credentials",
                probes.call(NO_CREDENTIALS, service.controlUrl(), route, path, null),
                401);
            probes
                .wrongRoleToken(access)
                .ifPresent(
                    token ->
                        expect(
                            wrong,
                            name,
                            route,
                            "a token of a role below " + access.operators(),
                            probes.call(NO_CREDENTIALS, service.controlUrl(), route, path, token),
                            403));
            probes
                .wrongService(access)
                .ifPresent(
                    identity ->
                        expect(
                            wrong,
                            name,
                            route,
                            "the certificate of " + identity.role(),
                            probes.call(
                                TestCredentials.http(CREDS.service(identity)),
                                service.controlUrl(),
                                route,
                                path,
                                null),
                            403));
            if (!service.url().equals(service.controlUrl()) && !alsoPublic(service, route)) {
              expectAbsent(
                  wrong, name, route, probes.call(VIEWER, service.url(), route, path, null));
            }
            checked.add(
                name + " " + route.method() + " " + route.template() + " -> " + access.describe());
          }
        });
    System.out.println(
        "RouteCoverageIT: "
            + checked.size()
            + " control routes checked:\n  "
            + String.join("\n  ", checked));
    System.out.println(
        "RouteCoverageIT: every route of every service, from the routers (for docs and release notes):\n"
            + routeTable());

    assertThat(wrong).as("answers other than expected").isEmpty();
    assertThat(open)
        .as(
            "the only control routes open without credentials: /health, and the operator page's files")
        .allMatch(
            r ->
                r.endsWith(" GET /health")
                    || (r.startsWith("client GET ")
                        && r.matches(".*(\\.html|\\.js|\\.css|\\.svg)$")));
    assertThat(checked).as("control routes found in the routers").hasSizeGreaterThan(30);
    assertThat(services.keySet())
        .allSatisfy(
            name ->
                assertThat(checked).as(name + "'s routes").anyMatch(c -> c.startsWith(name + " ")));
    assertThat(state())
        .as("the edge list, cached objects, index, catalog, allocations, analytics")
        .isEqualTo(before);
    assertThat(CREDS.auditLines("broker"))
        .as("refusals are audited")
        .anyMatch(l -> l.contains("\"route\":\"/api/edges\"") && l.contains("\"status\":401"));
  }

  /**
   * A markdown table of every route of every service, both listeners, with its access as declared.
   */
  private static String routeTable() {
    StringBuilder table =
        new StringBuilder(
            "| service | method | route | listener | protection |\n|---|---|---|---|---|\n");
    services.forEach(
        (name, service) ->
            service
                .routes()
                .forEach(
                    r ->
                        table
                            .append("| ")
                            .append(name)
                            .append(" | ")
                            .append(r.method())
                            .append(" | `")
                            .append(r.template())
                            .append("` | ")
                            .append(r.access().listener().name().toLowerCase())
                            .append(" | ")
                            .append(r.access().describe())
                            .append(" |\n")));
    return table.toString();
  }

  private static void expect(
      List<String> wrong,
      String service,
      Router.Route route,
      String as,
      HttpResponse<String> r,
      int status) {
    boolean jsonError = r.body().contains("\"error\"") && r.body().contains("\"message\"");
    boolean challenge = status != 401 || r.headers().firstValue("WWW-Authenticate").isPresent();
    boolean noCors =
        r.headers().firstValue("Access-Control-Allow-Origin").isEmpty() || status == 404;
    if (r.statusCode() != status || !jsonError || !challenge || !noCors) {
      wrong.add(
          service
              + " "
              + route.method()
              + " "
              + route.template()
              + " with "
              + as
              + ": "
              + r.statusCode()
              + " "
              + r.body()
              + (noCors ? "" : " (with CORS)"));
    }
  }

  /**
   * On the viewer listener a control route does not exist: 404, or 405 where the viewer listener
   * has the same path for another method (vid-metadata's {@code GET /api/videos/{id}} beside the
   * control listener's {@code PUT}), with an {@code Allow} that does not name the control method.
   */
  private static void expectAbsent(
      List<String> wrong, String service, Router.Route route, HttpResponse<String> r) {
    boolean absent =
        r.statusCode() == 404
            || (r.statusCode() == 405
                && !r.headers().firstValue("Allow").orElse("").contains(route.method()));
    if (!absent)
      wrong.add(
          service
              + " "
              + route.method()
              + " "
              + route.template()
              + " on the viewer listener: "
              + r.statusCode()
              + " "
              + r.body());
  }

  /**
   * Whether the viewer listener offers the same method and path too: a public read that services
   * also make on the control listener (vid-metadata's {@code GET /api/videos/{id}}, which vid-raw
   * asks over mutual TLS); the viewer's copy reveals nothing the control one guards.
   */
  private static boolean alsoPublic(Service service, Router.Route route) {
    return service.routes().stream()
        .anyMatch(
            r ->
                r.access().listener() == Listener.VIEWER
                    && r.method().equals(route.method())
                    && r.template().equals(route.template()));
  }

  /** What a refused call must not have changed. */
  private static Map<String, Object> state() {
    Map<String, Object> state = new LinkedHashMap<>();
    List<String> edges = new ArrayList<>();
    json(services.get("broker").controlUrl() + "/api/edges")
        .path("edges")
        .forEach(
            e ->
                edges.add(
                    e.path("name").asText()
                        + " "
                        + e.path("url").asText()
                        + " "
                        + e.path("controlUrl").asText()
                        + " "
                        + e.path("site").asText()
                        + " "
                        + e.path("state").asText()));
    state.put("edges", edges);
    for (String edge : List.of("edge-1", "edge-2")) {
      JsonNode cache = json(services.get(edge).controlUrl() + "/internal/cache");
      state.put(
          edge + " objects",
          cache.path("memory").path("objects").asLong()
              + "/"
              + cache.path("disk").path("objects").asLong());
      state.put(
          edge + " allocation",
          json(services.get(edge).controlUrl() + "/internal/allocation")
              .path("generation")
              .asLong());
    }
    JsonNode status = json(services.get("n1").controlUrl() + "/status");
    state.put("index members", status.path("members").findValuesAsText("id"));
    JsonNode holders = json(services.get("n1").controlUrl() + "/holders/" + videoId);
    state.put("index holders", holders.path("version").asLong() + " " + holders.path("holders"));
    state.put(
        "catalog",
        json(services.get("vid-metadata").url() + "/api/videos")
                .path("videos")
                .findValuesAsText("updatedAt")
                .stream()
                .collect(Collectors.joining(","))
            + " "
            + json(services.get("vid-metadata").url() + "/api/videos").path("total"));
    state.put(
        "origin",
        ADMIN
            .get(services.get("vid-raw").url() + "/api/objects/" + videoId + "/master.m3u8")
            .statusCode());
    state.put("allocation generation", generation());
    state.put("analytics records", analyticsRecords());
    state.put(
        "triggers", json(services.get("controller").url() + "/api/triggers").path("coll-count"));
    for (String edge : List.of("edge-1", "edge-2")) {
      state.put(
          edge + " preposition jobs",
          json(services.get(edge).controlUrl() + "/internal/preposition").path("jobs").size());
    }
    return state;
  }

  private static long generation() {
    return json(services.get("controller").url() + "/api/allocations").path("generation").asLong();
  }

  private static long analyticsRecords() {
    return json(services.get("analytics").controlUrl() + "/api/summary").path("records").asLong();
  }

  /**
   * What edge-1 ships to analytics when {@code edge.access-log.ship-url} is set: one record, with
   * its certificate.
   */
  private static void shipOneRecord(AnalyticsServer analytics) throws Exception {
    String line =
        RecordJson.line(
            AccessRecord.from(
                new AccessEvent(
                    System.currentTimeMillis(),
                    "GET",
                    "/videos/" + videoId + "/master.m3u8",
                    "10.0.0.1",
                    null,
                    200,
                    100,
                    "HIT",
                    1_000,
                    2_000),
                "edge-1",
                "site-a",
                ClientAddress.FULL,
                ""));
    HttpResponse<String> r =
        TestCredentials.http(
                CREDS.service(new ServiceIdentity(ServiceRoles.EDGE, "site-a", "edge-1")))
            .send(
                HttpRequest.newBuilder(URI.create(analytics.controlUrl() + "/api/logs"))
                    .POST(HttpRequest.BodyPublishers.ofString(line))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
  }

  /**
   * A player on edge-1: the master playlist, a variant playlist and its first segment, so edge-1
   * caches and reports them.
   */
  private static void fillEdge1() {
    String master = services.get("edge-1").url() + "/videos/" + videoId + "/master.m3u8";
    String variant = URI.create(master).resolve(firstUri(get200(master))).toString();
    get200(URI.create(variant).resolve(firstUri(get200(variant))).toString());
    Await.until(
        GENEROUS,
        "edge-1 to store the three objects",
        () ->
            json(services.get("edge-1").controlUrl() + "/internal/cache")
                    .path("disk")
                    .path("objects")
                    .asLong()
                == 3);
    Await.until(
        GENEROUS,
        "the index to name edge-1 as a holder",
        () ->
            json(services.get("n1").controlUrl() + "/holders/" + videoId)
                .path("holders")
                .toString()
                .contains("edge-1"));
  }

  private static String get200(String url) {
    HttpResponse<String> r = ADMIN.get(url);
    assertThat(r.statusCode()).as(url).isEqualTo(200);
    return r.body();
  }

  private static String firstUri(String playlist) {
    return playlist
        .lines()
        .map(String::trim)
        .filter(l -> !l.isEmpty() && !l.startsWith("#"))
        .findFirst()
        .orElseThrow();
  }

  private static JsonNode json(String url) {
    HttpResponse<String> r = ADMIN.get(url);
    try {
      return Json.MAPPER.readTree(r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(url + " answered " + r.statusCode(), e);
    }
  }

  private static <T extends Service> T track(String name, T service) {
    started.add(service);
    services.put(name, service);
    return service;
  }
}
