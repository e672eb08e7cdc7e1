package org.telcocdn.broker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.telcocdn.common.config.Settings;
import org.telcocdn.common.json.Json;
import org.telcocdn.testkit.TestClock;

/**
 * The JSON route a player uses for failover, and the request inputs /play reads (site, session).
 */
class RouteApiTest {
  private final TestClock clock = TestClock.manual();
  private final BrokerServer broker =
      BrokerServer.start(
          BrokerConfig.from(
              Settings.of(
                  Map.of(
                      "broker.port",
                      "0",
                      "broker.probe-interval",
                      "0s",
                      "broker.site-latencies",
                      "site-a/site-b=5ms"))),
          clock);
  private final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @AfterEach
  void stop() {
    broker.close();
  }

  @Test
  void routeNamesTheEdgeAndAlternatesAndKeepsTheSessionWherePlaySendsIt() throws Exception {
    register("a1", "http://127.0.0.1:1", "site-a");
    register("a2", "http://127.0.0.1:2", "site-a");
    register("b1", "http://127.0.0.1:3", "site-b");
    JsonNode route = Json.MAPPER.readTree(get("/api/route/abc123?sid=player-1", "site-b").body());
    assertThat(route.path("edge").path("name").asText()).isEqualTo("b1");
    assertThat(route.path("edge").path("masterUrl").asText())
        .isEqualTo("http://127.0.0.1:3/videos/abc123/master.m3u8");
    assertThat(route.path("alternates").findValuesAsText("site")).containsOnly("site-a").hasSize(2);
    assertThat(route.path("reason").asText()).isEqualTo("local-site,consistent-hash");
    assertThat(route.path("session").asText()).isEqualTo("sid:player-1|abc123");

    HttpResponse<String> play =
        get(
            "/play/abc123?CMCD="
                + java.net.URLEncoder.encode(
                    "ot=m,sid=\"player-1\"", java.nio.charset.StandardCharsets.UTF_8),
            null);
    assertThat(play.headers().firstValue("Location"))
        .contains("http://127.0.0.1:3/videos/abc123/master.m3u8");
    assertThat(play.headers().firstValue("X-Route-Reason")).contains("sticky");
  }

  private void register(String name, String url, String site) throws Exception {
    String body =
        "{\"name\":\""
            + name
            + "\",\"url\":\""
            + url
            + "\",\"site\":\""
            + site
            + "\",\"diskCapacityBytes\":1}";
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(broker.url() + "/api/edges"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
  }

  private HttpResponse<String> get(String path, String site) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(broker.url() + path)).GET();
    if (site != null) b.header("X-Client-Site", site);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
