package org.telcocdn.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.telcocdn.common.config.Settings;
import org.telcocdn.testkit.TestClock;

/** Health and load seen through HTTP, with the broker's clock in the test's hands. */
class BrokerHealthRoutingTest {
  private final TestClock clock = TestClock.manual();
  private final BrokerServer broker =
      BrokerServer.start(
          BrokerConfig.from(Settings.of(Map.of("broker.port", "0", "broker.min-load-cap", "1"))),
          clock);
  private final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @AfterEach
  void stop() {
    broker.close();
  }

  @Test
  void silentEdgeIsDownUntilItHeartbeatsAgain() throws Exception {
    register("edge-a", "http://127.0.0.1:1");
    assertThat(get("/play/abc123").statusCode()).isEqualTo(302);
    clock.advance(Duration.ofSeconds(4));
    assertThat(get("/play/abc123").statusCode()).isEqualTo(503);
    assertThat(get("/api/edges").body()).contains("\"state\":\"DOWN\"");
    assertThat(post("/api/edges/edge-a/heartbeat", "{\"activeConnections\":0}").statusCode())
        .isEqualTo(200);
    assertThat(get("/play/abc123").statusCode()).isEqualTo(302);
  }

  @Test
  void busyOwnerSpillsToTheNextEdgeAndSaysSo() throws Exception {
    register("edge-a", "http://127.0.0.1:1");
    register("edge-b", "http://127.0.0.1:2");
    String owner = broker.router().ring().owner("abc123");
    String other = owner.equals("edge-a") ? "http://127.0.0.1:2" : "http://127.0.0.1:1";
    List<HttpResponse<String>> answers = new ArrayList<>();
    for (int i = 0; answers.size() < 4; i++) {
      String id = "title" + i;
      if (broker.router().ring().owner(id).equals(owner)) answers.add(get("/play/" + id));
    }
    assertThat(answers)
        .as("sessions on titles of one edge push the next one over its bound")
        .anySatisfy(
            r -> {
              assertThat(r.headers().firstValue("Location").orElseThrow())
                  .startsWith(other + "/videos/title");
              assertThat(r.headers().firstValue("X-Route-Reason"))
                  .contains("spill:" + owner + "-over-bound");
              assertThat(r.headers().firstValue("X-Alternate-Edges").orElseThrow())
                  .contains("/master.m3u8");
            });
  }

  private void register(String name, String url) throws Exception {
    String body =
        "{\"name\":\""
            + name
            + "\",\"url\":\""
            + url
            + "\",\"site\":\"site-a\",\"diskCapacityBytes\":1}";
    assertThat(post("/api/edges", body).statusCode()).isEqualTo(200);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(broker.url() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(broker.url() + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
