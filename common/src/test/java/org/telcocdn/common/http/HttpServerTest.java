package org.telcocdn.common.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.common.json.Json;
import org.telcocdn.common.metrics.Metrics;

/**
 * The server's plumbing, on a viewer listener (public routes); {@link ControlListenerTest} has the
 * control side.
 */
class HttpServerTest {
  record Greeting(String name) {}

  private static final Access V = Access.viewer();

  @TempDir static Path uploads;
  static HttpServer server;
  static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    server =
        HttpServer.builder("test")
            .viewer("127.0.0.1", 0)
            .maxBodyBytes(1024)
            .uploads(10_000, uploads)
            .metrics(Metrics.registry("test", "t1"))
            .get("/hello/{name}", V, r -> Response.ok(Map.of("hello", r.param("name"))))
            .post("/greetings", V, r -> Response.json(201, r.json(Greeting.class)))
            .upload(
                "POST", "/upload", V, r -> Response.ok(Map.of("bytes", Files.size(r.bodyFile()))))
            .get(
                "/boom",
                V,
                r -> {
                  throw new IllegalStateException("secret detail");
                })
            .get(
                "/thread",
                V,
                r -> Response.ok(Map.of("virtual", Thread.currentThread().isVirtual())))
            .getNonBlocking(
                "/loop/{name}",
                V,
                r ->
                    Response.ok(
                        Map.of(
                            "virtual",
                            Thread.currentThread().isVirtual(),
                            "name",
                            r.param("name"),
                            "q",
                            r.queryParam("q").orElse(""))))
            .start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void route_answersJson() throws Exception {
    HttpResponse<String> response = get("/hello/world");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"hello\":\"world\"}");
    assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
    assertThat(response.headers().firstValue("Timing-Allow-Origin")).contains("*");
  }

  @Test
  void handlersRunOnVirtualThreadsUnlessTheirRouteIsNonBlocking() throws Exception {
    assertThat(Json.MAPPER.readTree(get("/thread").body()).get("virtual").asBoolean()).isTrue();
    JsonNode loop = Json.MAPPER.readTree(get("/loop/x%20y?q=1").body());
    assertThat(loop.get("virtual").asBoolean()).as("ran on the event loop").isFalse();
    assertThat(loop.get("name").asText()).isEqualTo("x y");
    assertThat(loop.get("q").asText()).isEqualTo("1");
    assertError(
        send(HttpRequest.newBuilder(uri("/loop/x")).POST(HttpRequest.BodyPublishers.noBody())),
        405,
        "method_not_allowed");
  }

  @Test
  void unknownRoute_is404WithJsonError() throws Exception {
    assertError(get("/nope"), 404, "not_found");
  }

  @Test
  void wrongMethod_is405() throws Exception {
    assertError(send(HttpRequest.newBuilder(uri("/greetings")).GET()), 405, "method_not_allowed");
  }

  @Test
  void traversal_is400() throws Exception {
    assertError(get("/hello/..%2f..%2fetc%2fpasswd"), 400, "bad_request");
  }

  @Test
  void invalidJson_is400() throws Exception {
    assertError(post("/greetings", "{not json"), 400, "bad_request");
  }

  @Test
  void bodyOverLimit_is413() throws Exception {
    assertError(
        post("/greetings", "{\"name\":\"" + "x".repeat(2000) + "\"}"), 413, "payload_too_large");
  }

  @Test
  void largeBodyOverLimit_is413EvenWhileTheClientIsStillSending() throws Exception {
    // The server answers before reading the body and must not reset the connection under the
    // client.
    for (int i = 0; i < 5; i++) {
      assertError(post("/greetings", "z".repeat(8 << 20)), 413, "payload_too_large");
    }
  }

  @Test
  void upload_streamsToAFileAndDeletesItAfter() throws Exception {
    HttpResponse<String> response = post("/upload", "y".repeat(5000));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Json.MAPPER.readTree(response.body()).get("bytes").asLong()).isEqualTo(5000);
    try (var files = Files.list(uploads)) {
      assertThat(files).isEmpty();
    }
    assertError(post("/upload", "y".repeat(20_000)), 413, "payload_too_large");
  }

  @Test
  void handlerFailure_is500WithoutInternals() throws Exception {
    HttpResponse<String> response = get("/boom");
    assertError(response, 500, "internal");
    assertThat(response.body()).doesNotContain("secret detail");
  }

  @Test
  void health_isBuiltIn_andMetricsAreNotOnTheViewerListener() throws Exception {
    assertThat(get("/health").body()).contains("\"status\":\"UP\"");
    assertError(get("/metrics"), 404, "not_found");
  }

  private static void assertError(HttpResponse<String> response, int status, String error)
      throws Exception {
    assertThat(response.statusCode()).isEqualTo(status);
    JsonNode body = Json.MAPPER.readTree(response.body());
    assertThat(body.get("error").asText()).isEqualTo(error);
    assertThat(body.get("message").asText()).isNotBlank();
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return send(HttpRequest.newBuilder(uri(path)).GET());
  }

  private static HttpResponse<String> post(String path, String body) throws Exception {
    return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private static HttpResponse<String> send(HttpRequest.Builder builder) throws Exception {
    return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
  }
}
