package org.telcocdn.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.common.http.ApiException;
import org.telcocdn.common.http.HttpServer;
import org.telcocdn.common.http.Response;
import org.telcocdn.testkit.Await;

class BrokerLinkTest {
  @TempDir Path cacheDir;

  /** A broker that records calls and forgets the edge once, to force a re-registration. */
  private final List<String> calls = new CopyOnWriteArrayList<>();

  private final List<Map<?, ?>> bodies = new CopyOnWriteArrayList<>();
  private final AtomicBoolean forgetOnce = new AtomicBoolean(true);

  private HttpServer broker() {
    return HttpServer.builder("fake-broker")
        .port(0)
        .post(
            "/api/edges",
            r ->
                record(
                    "register", r.json(Map.class), Response.ok(Map.of("heartbeatIntervalMs", 100))))
        .post(
            "/api/edges/{name}/heartbeat",
            r -> {
              if (calls.stream().filter(c -> c.equals("heartbeat")).count() == 1
                  && forgetOnce.getAndSet(false)) {
                calls.add("heartbeat-404");
                throw ApiException.notFound("unknown edge " + r.param("name"));
              }
              return record("heartbeat", r.json(Map.class), Response.ok(Map.of()));
            })
        .delete(
            "/api/edges/{name}",
            r -> record("deregister " + r.param("name"), Map.of(), Response.noContent()))
        .start();
  }

  private Response record(String call, Map<?, ?> body, Response response) {
    calls.add(call);
    bodies.add(body);
    return response;
  }

  @Test
  void registers_heartbeats_reregistersOn404_deregistersOnClose() {
    try (HttpServer broker = broker();
        FakeOrigin origin = new FakeOrigin()) {
      EdgeServer edge =
          EdgeFixture.edge(
              origin.target(),
              cacheDir,
              Map.of(
                  "edge.broker-url",
                  "http://127.0.0.1:" + broker.port(),
                  "edge.heartbeat-interval",
                  "50ms",
                  "edge.site",
                  "site-z"));
      Await.until(
          Duration.ofSeconds(10),
          "re-registration after a 404 and two more heartbeats",
          () ->
              calls.indexOf("heartbeat-404") >= 0
                  && calls
                      .subList(calls.indexOf("heartbeat-404"), calls.size())
                      .contains("register")
                  && calls.stream().filter(c -> c.equals("heartbeat")).count() >= 3);
      edge.close();

      assertThat(calls.getFirst()).isEqualTo("register");
      assertThat(calls.getLast()).isEqualTo("deregister edge-test");
      Map<?, ?> registration = bodies.getFirst();
      assertThat(registration.get("name")).isEqualTo("edge-test");
      assertThat(registration.get("site")).isEqualTo("site-z");
      assertThat(registration.get("url")).isEqualTo(edge.url());
      assertThat(
              bodies.get(calls.indexOf("heartbeat")).keySet().stream()
                  .map(String::valueOf)
                  .toList())
          .contains(
              "activeConnections",
              "egressBytesPerSecond",
              "diskUsedBytes",
              "diskCapacityBytes",
              "draining");
    }
  }

  @Test
  void brokerDown_edgeKeepsServing() {
    try (FakeOrigin origin = new FakeOrigin().put("v1", "a.m4s", new byte[] {1, 2, 3})) {
      EdgeServer edge =
          EdgeFixture.edge(
              origin.target(),
              cacheDir,
              Map.of("edge.broker-url", "http://127.0.0.1:1", "edge.heartbeat-interval", "50ms"));
      try {
        assertThat(EdgeFixture.get(edge, "/videos/v1/a.m4s").body()).containsExactly(1, 2, 3);
      } finally {
        edge.close();
      }
    }
  }
}
