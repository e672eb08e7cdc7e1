package org.telcocdn.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.accesslog.AccessEvent;
import org.telcocdn.accesslog.AccessLogWriter;
import org.telcocdn.accesslog.ClientAddress;
import org.telcocdn.accesslog.Rotation;
import org.telcocdn.common.config.Settings;
import org.telcocdn.common.json.Json;
import org.telcocdn.common.security.SecurityConfig;
import org.telcocdn.security.OperatorRole;
import org.telcocdn.security.ServiceIdentity;
import org.telcocdn.security.ServiceRoles;
import org.telcocdn.testkit.Await;
import org.telcocdn.testkit.TestCredentials;

class AnalyticsServerTest {
  @TempDir Path dir;
  private static final TestCredentials CREDS = TestCredentials.shared();
  private final HttpClient http = HttpClient.newHttpClient();
  private final HttpClient operator = TestCredentials.http(CREDS.operatorTls());
  private final HttpClient edge =
      TestCredentials.http(
          CREDS.service(new ServiceIdentity(ServiceRoles.EDGE, "site-b", "edge-2")));

  private static SecurityConfig security() {
    return SecurityConfig.from(Settings.of(CREDS.settings(ServiceRoles.ANALYTICS, "analytics")));
  }

  private AnalyticsConfig config() {
    return new AnalyticsConfig(
        "127.0.0.1",
        0,
        dir.resolve("logs"),
        dir.resolve("state"),
        Duration.ofMillis(50),
        Duration.ofMillis(200),
        Duration.ofMinutes(1),
        Duration.ofHours(1),
        256,
        10_000,
        "127.0.0.1",
        0,
        security());
  }

  private static AccessEvent event(int i) {
    String title = "v" + (i % 10 < 5 ? 0 : i % 10); // v0 is half of everything
    return new AccessEvent(
        1_700_000_000_000L + i,
        "GET",
        "/videos/"
            + title
            + "/720p/seg_"
            + String.format("%05d", i % 20)
            + ".m4s?CMCD=br%3D2800%2Csid%3D%22s"
            + (i % 50)
            + "%22",
        "10.0.0.1",
        null,
        200,
        1000,
        "HIT",
        10_000,
        50_000);
  }

  private void write(int from, int to) {
    try (AccessLogWriter w =
        new AccessLogWriter(
            dir.resolve("logs"),
            "edge-1",
            "site-a",
            ClientAddress.HASHED,
            "x",
            new Rotation(16 * 1024, Duration.ofHours(1)),
            100_000,
            null,
            new AtomicLong()::get)) {
      for (int i = from; i < to; i++) w.offer(event(i));
    }
  }

  @Test
  void aRestartLosesNoRecordAndCountsNoneTwice() throws Exception {
    write(0, 2000);
    AnalyticsServer first = AnalyticsServer.start(config());
    Await.until(
        Duration.ofSeconds(20), "first run ingests 2000", () -> first.state().records() == 2000);
    first.close();
    write(2000, 5000); // written while the service is down, partly into new files
    try (AnalyticsServer second = AnalyticsServer.start(config())) {
      Await.until(
          Duration.ofSeconds(20),
          "second run reaches 5000",
          () -> get(second, "/api/summary").path("records").asLong() == 5000);
      Thread.sleep(300); // a few more polls: nothing may be read twice
      assertThat(get(second, "/api/summary").path("records").asLong()).isEqualTo(5000);
      JsonNode top = get(second, "/api/top?window=1h&k=3");
      assertThat(top.path("titles").get(0).path("key").asText()).isEqualTo("v0");
      assertThat(top.path("titles").get(0).path("count").asLong()).isEqualTo(2500);
      assertThat(
              get(second, "/api/qos/edges")
                  .path("edges")
                  .path("edge-1")
                  .path("hitRatio")
                  .asDouble())
          .isEqualTo(1.0);
      // every record's TTFB is 10 µs; the distribution came through the snapshot with the sums
      JsonNode edge = get(second, "/api/qos/edges").path("edges").path("edge-1");
      assertThat(edge.path("ttfbP50Millis").asDouble())
          .isCloseTo(0.010, org.assertj.core.api.Assertions.within(0.001));
      assertThat(edge.path("ttfbP95Millis").asDouble())
          .isCloseTo(0.010, org.assertj.core.api.Assertions.within(0.001));
      assertThat(get(second, "/api/sessions?limit=100").path("sessions").size()).isEqualTo(50);
    }
  }

  @Test
  void acceptsShippedLinesAndBeacons() throws Exception {
    AnalyticsConfig noTail =
        new AnalyticsConfig(
            "127.0.0.1",
            0,
            null,
            dir.resolve("state2"),
            Duration.ofMillis(50),
            Duration.ofSeconds(10),
            Duration.ofMinutes(1),
            Duration.ofHours(1),
            256,
            10_000,
            "127.0.0.1",
            0,
            security());
    try (AnalyticsServer server = AnalyticsServer.start(noTail)) {
      String body =
          org.telcocdn.accesslog.RecordJson.line(
                  org.telcocdn.accesslog.AccessRecord.from(
                      event(1), "edge-2", "site-b", ClientAddress.FULL, ""))
              + "\nnot json\n";
      HttpResponse<String> r = postLogs(server, body);
      assertThat(r.statusCode()).isEqualTo(202);
      assertThat(Json.MAPPER.readTree(r.body()).path("rejected").asInt()).isEqualTo(1);
      HttpResponse<String> b =
          http.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + server.port() + "/api/beacons"))
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"sid\":\"s1\",\"cid\":\"v0\",\"event\":\"startup\",\"startupMs\":900}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(b.statusCode()).isEqualTo(204);
      assertThat(get(server, "/api/sessions/s1").path("qos").path("startupMillis").asDouble())
          .isEqualTo(900.0);
      // what a browser's sendBeacon sends: text/plain (no CORS preflight), from another origin
      HttpResponse<String> simple =
          http.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + server.port() + "/api/beacons"))
                  .header("Content-Type", "text/plain;charset=UTF-8")
                  .header("Origin", "http://127.0.0.1:8000")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"sid\":\"s1\",\"event\":\"progress\",\"playedMs\":5000,\"br\":2800}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(simple.statusCode()).isEqualTo(204);
      assertThat(simple.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
      assertThat(get(server, "/api/sessions/s1").path("beacons").asLong()).isEqualTo(2);
      HttpResponse<String> bad =
          http.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + server.port() + "/api/beacons"))
                  .POST(HttpRequest.BodyPublishers.ofString("{\"sid\":\"s1\",\"event\":\"seek\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(bad.statusCode()).isEqualTo(400);
      assertThat(Json.MAPPER.readTree(bad.body()).path("message").asText()).contains("event");
      assertThat(get(server, "/api/top?site=site-b").path("titles").get(0).path("key").asText())
          .isEqualTo("v0");
    }
  }

  @Test
  void liveChannelsFromCmcdAndLatencyBeacons() throws Exception {
    try (AnalyticsServer server = AnalyticsServer.start(config())) {
      long now = System.currentTimeMillis();
      String channel = "live-0123456789ab";
      String part = "/videos/" + channel + "/480p/part_3_1.m4s?CMCD=";
      String line =
          org.telcocdn.accesslog.RecordJson.line(
              org.telcocdn.accesslog.AccessRecord.from(
                  new AccessEvent(
                      now,
                      "GET",
                      part + "br%3D800%2Csid%3D%22p1%22%2Cst%3Dl",
                      "10.0.0.1",
                      null,
                      200,
                      1000,
                      "HIT",
                      10_000,
                      50_000),
                  "edge-1",
                  "site-a",
                  ClientAddress.FULL,
                  ""));
      HttpResponse<String> logs = postLogs(server, line);
      assertThat(logs.statusCode()).isEqualTo(202);
      assertThat(
              beacon(
                      server,
                      "{\"sid\":\"p1\",\"cid\":\""
                          + channel
                          + "\",\"event\":\"latency\",\"latencyMs\":1400,\"time\":"
                          + now
                          + "}")
                  .statusCode())
          .isEqualTo(204);

      JsonNode live = get(server, "/api/live?window=1m");
      assertThat(live.path("window").asText()).isEqualTo("PT1M");
      JsonNode c = live.path("channels").get(0);
      assertThat(c.path("channel").asText()).isEqualTo(channel);
      assertThat(c.path("viewers").asInt()).isEqualTo(1);
      assertThat(c.path("latencyP50Millis").asLong()).isEqualTo(1400);
      assertThat(c.path("latencyP95Millis").asLong()).isEqualTo(1400);

      HttpResponse<String> notAChannel =
          beacon(
              server,
              "{\"sid\":\"p1\",\"cid\":\"3f9a0c1b2d4e\",\"event\":\"latency\",\"latencyMs\":1}");
      assertThat(notAChannel.statusCode()).isEqualTo(400);
      assertThat(Json.MAPPER.readTree(notAChannel.body()).path("error").asText())
          .isEqualTo("bad_request");
      HttpResponse<String> notANumber =
          beacon(
              server,
              "{\"sid\":\"p1\",\"cid\":\""
                  + channel
                  + "\",\"event\":\"latency\",\"latencyMs\":\"soon\"}");
      assertThat(notANumber.statusCode()).isEqualTo(400);
      HttpResponse<String> longWindow =
          operator.send(
              HttpRequest.newBuilder(URI.create(server.controlUrl() + "/api/live?window=2h"))
                  .header("Authorization", "Bearer " + CREDS.token(OperatorRole.READONLY))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(longWindow.statusCode()).isEqualTo(400);
      assertThat(Json.MAPPER.readTree(longWindow.body()).path("message").asText())
          .contains("window");
      HttpResponse<String> anonymous =
          operator.send(
              HttpRequest.newBuilder(URI.create(server.controlUrl() + "/api/live")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(anonymous.statusCode()).isEqualTo(401);
    }
  }

  /** What an edge's shipper sends. */
  private HttpResponse<String> postLogs(AnalyticsServer server, String lines) throws Exception {
    return edge.send(
        HttpRequest.newBuilder(URI.create(server.controlUrl() + "/api/logs"))
            .POST(HttpRequest.BodyPublishers.ofString(lines))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> beacon(AnalyticsServer server, String json) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/beacons"))
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode get(AnalyticsServer server, String path) {
    try {
      HttpResponse<String> r =
          operator.send(
              HttpRequest.newBuilder(URI.create(server.controlUrl() + path))
                  .header("Authorization", "Bearer " + CREDS.token(OperatorRole.READONLY))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return Json.MAPPER.readTree(r.body());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
