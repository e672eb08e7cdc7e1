package org.telcocdn.common.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.common.config.Settings;
import org.telcocdn.common.json.Json;
import org.telcocdn.common.metrics.Metrics;
import org.telcocdn.common.security.SecurityConfig;
import org.telcocdn.common.security.ServiceSecurity;
import org.telcocdn.security.OperatorRole;
import org.telcocdn.security.ServiceIdentity;
import org.telcocdn.testkit.TestCredentials;

/**
 * Both listeners of one server: who may call what, what the refusals look like, and the audit log.
 */
class ControlListenerTest {
  @TempDir static Path dir;
  static TestCredentials creds;
  static HttpServer server;
  static HttpClient operator;
  static final HttpClient viewer = HttpClient.newHttpClient();

  /** Places the upload route's admission handed out: only callers it admits may take one. */
  static final java.util.concurrent.atomic.AtomicInteger uploadPasses =
      new java.util.concurrent.atomic.AtomicInteger();

  @BeforeAll
  static void start() {
    creds = TestCredentials.create(dir);
    ServiceSecurity security =
        ServiceSecurity.load(
            SecurityConfig.from(Settings.of(creds.settings("vid-cache-broker", "broker"))), "test");
    server =
        HttpServer.builder("test")
            .viewer("127.0.0.1", 0)
            .control("127.0.0.1", 0, security)
            .metrics(Metrics.registry("test", "t2"))
            .health(() -> Health.up(Map.of("secret", "detail")))
            .get(
                "/public",
                Access.viewer(),
                r -> Response.ok(Map.of("caller", r.caller().describe())))
            .post(
                "/purge/{id}",
                Access.control(OperatorRole.OPERATOR, "vid-metadata"),
                r -> Response.ok(Map.of("caller", r.caller().describe())))
            .post("/edges-only", Access.services("vid-cache"), r -> Response.noContent())
            .uploads(1 << 20, dir.resolve("uploads"))
            .upload(
                "POST",
                "/ingest",
                Access.control(OperatorRole.OPERATOR),
                r -> Response.noContent(),
                () -> {
                  uploadPasses.incrementAndGet();
                  return () -> {};
                })
            .start();
    operator = TestCredentials.http(creds.operatorTls());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void noCredentials_is401WithABearerChallenge_andNoCors() throws Exception {
    HttpResponse<String> response = control("POST", "/purge/abc", null, operator);
    assertError(response, 401, "unauthenticated");
    assertThat(response.headers().firstValue("WWW-Authenticate"))
        .contains("Bearer realm=\"telcocdn\"");
    assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }

  @Test
  void wrongRole_is403_rightRole_isServed() throws Exception {
    assertError(
        control("POST", "/purge/abc", creds.token(OperatorRole.READONLY), operator),
        403,
        "forbidden");
    HttpResponse<String> ok =
        control("POST", "/purge/abc", creds.token(OperatorRole.OPERATOR), operator);
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body()).contains("operator:test-operator");
    assertThat(ok.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }

  @Test
  void anUploadsCaller_isCheckedAtItsHead_beforeItTakesAPlace() throws Exception {
    assertError(control("POST", "/ingest", null, operator), 401, "unauthenticated");
    assertError(
        control("POST", "/ingest", creds.token(OperatorRole.READONLY), operator), 403, "forbidden");
    assertThat(uploadPasses.get()).isZero();
    assertThat(
            control("POST", "/ingest", creds.token(OperatorRole.OPERATOR), operator).statusCode())
        .isEqualTo(204);
    assertThat(uploadPasses.get()).isEqualTo(1);
  }

  @Test
  void expiredOrForeignTokens_are401() throws Exception {
    assertError(
        control("POST", "/purge/abc", creds.expiredToken(OperatorRole.ADMIN), operator),
        401,
        "unauthenticated");
    String foreign = TestCredentials.create(dir.resolve("other")).token(OperatorRole.ADMIN);
    assertError(control("POST", "/purge/abc", foreign, operator), 401, "unauthenticated");
    assertError(control("POST", "/purge/abc", "not-a-jwt", operator), 401, "unauthenticated");
  }

  @Test
  void services_areWhoTheirCertificateSays() throws Exception {
    HttpClient metadata =
        TestCredentials.http(creds.service(ServiceIdentity.of("vid-metadata", "vid-metadata")));
    HttpClient edge =
        TestCredentials.http(creds.service(new ServiceIdentity("vid-cache", "site-a", "edge-1")));
    assertThat(control("POST", "/purge/abc", null, metadata).body())
        .contains("spiffe://telcocdn/vid-metadata/-/vid-metadata");
    assertError(control("POST", "/purge/abc", null, edge), 403, "forbidden");
    assertThat(control("POST", "/edges-only", null, edge).statusCode()).isEqualTo(204);
    assertError(
        control("POST", "/edges-only", creds.token(OperatorRole.ADMIN), operator),
        403,
        "forbidden");
  }

  @Test
  void aCertificateOfAnotherCa_isNotAccepted() {
    TestCredentials stranger = TestCredentials.create(dir.resolve("stranger"));
    HttpClient forged =
        TestCredentials.http(stranger.service(ServiceIdentity.of("vid-metadata", "vid-metadata")));
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> control("POST", "/purge/abc", null, forged))
        .as(
            "the server's certificate is not trusted by the stranger, nor the stranger's by the server")
        .isInstanceOf(java.io.IOException.class);
  }

  @Test
  void eachListener_hidesTheOthersRoutes() throws Exception {
    assertError(
        send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/purge/abc"))
                .POST(HttpRequest.BodyPublishers.noBody()),
            viewer),
        404,
        "not_found");
    assertError(
        control("GET", "/public", creds.token(OperatorRole.ADMIN), operator), 404, "not_found");
    HttpResponse<String> onViewer =
        send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/public"))
                .GET(),
            viewer);
    assertThat(onViewer.body()).contains("anonymous");
    assertThat(onViewer.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
  }

  @Test
  void health_givesDetailsOnlyToAuthenticatedCallers_metricsNeedCredentials() throws Exception {
    assertThat(
            send(
                    HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + server.port() + "/health"))
                        .GET(),
                    viewer)
                .body())
        .doesNotContain("secret");
    assertThat(control("GET", "/health", null, operator).body())
        .contains("UP")
        .doesNotContain("secret");
    assertThat(control("GET", "/health", creds.token(OperatorRole.READONLY), operator).body())
        .contains("secret");
    assertError(control("GET", "/metrics", null, operator), 401, "unauthenticated");
    assertThat(control("GET", "/metrics", creds.token(OperatorRole.READONLY), operator).body())
        .contains("http_server_requests_seconds");
  }

  @Test
  void stateChangingCalls_areAudited_servedOrRefused() throws Exception {
    control("POST", "/purge/vid42", creds.token(OperatorRole.OPERATOR), operator);
    control("POST", "/purge/vid43", null, operator);
    control("GET", "/health", creds.token(OperatorRole.READONLY), operator);

    var lines = creds.auditLines("broker").stream().map(ControlListenerTest::tree).toList();
    assertThat(lines)
        .anySatisfy(
            l -> {
              assertThat(l.get("who").asText()).startsWith("operator:test-operator");
              assertThat(l.get("method").asText()).isEqualTo("POST");
              assertThat(l.get("route").asText()).isEqualTo("/purge/{id}");
              assertThat(l.path("target").path("id").asText()).isEqualTo("vid42");
              assertThat(l.get("status").asInt()).isEqualTo(200);
              assertThat(l.get("time").asText()).isNotBlank();
            });
    assertThat(lines)
        .anySatisfy(
            l -> {
              assertThat(l.get("who").asText()).isEqualTo("anonymous");
              assertThat(l.path("target").path("id").asText()).isEqualTo("vid43");
              assertThat(l.get("status").asInt()).isEqualTo(401);
            });
    assertThat(lines).noneMatch(l -> l.get("route").asText().equals("/health"));
  }

  private static JsonNode tree(String line) {
    try {
      return Json.MAPPER.readTree(line);
    } catch (java.io.IOException e) {
      throw new AssertionError(line, e);
    }
  }

  private static HttpResponse<String> control(
      String method, String path, String token, HttpClient client) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.controlPort() + path))
            .method(
                method,
                method.equals("GET")
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString("{}"));
    if (token != null) b.header("Authorization", "Bearer " + token);
    return send(b, client);
  }

  private static HttpResponse<String> send(HttpRequest.Builder builder, HttpClient client)
      throws Exception {
    return client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void assertError(HttpResponse<String> response, int status, String error)
      throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    JsonNode body = Json.MAPPER.readTree(response.body());
    assertThat(body.get("error").asText()).isEqualTo(error);
    assertThat(body.get("message").asText()).isNotBlank();
  }
}
