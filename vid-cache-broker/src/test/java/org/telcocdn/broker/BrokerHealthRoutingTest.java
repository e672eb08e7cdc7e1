package org.telcocdn.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.telcocdn.testkit.TestClock;

/** Health and load seen through HTTP, with the broker's clock in the test's hands. */
class BrokerHealthRoutingTest {
  private final TestClock clock = TestClock.manual();
  private final BrokerServer broker =
      BrokerServer.start(TestBroker.config(Map.of("broker.min-load-cap", "1")), clock);
  private final TestBroker calls = new TestBroker(broker);

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
    assertThat(calls.admin("GET", "/api/edges", null).body()).contains("\"state\":\"DOWN\"");
    assertThat(
            calls
                .as(
                    TestBroker.edge("edge-a", "site-a"),
                    "POST",
                    "/api/edges/edge-a/heartbeat",
                    "{\"activeConnections\":0}")
                .statusCode())
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

  private void register(String name, String url) {
    assertThat(calls.register(name, url, "site-a").statusCode()).isEqualTo(200);
  }

  private HttpResponse<String> get(String path) {
    return calls.play(path);
  }
}
