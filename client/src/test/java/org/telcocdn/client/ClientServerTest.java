package org.telcocdn.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.telcocdn.common.config.ConfigException;
import org.telcocdn.common.config.Settings;
import org.telcocdn.common.json.Json;
import org.telcocdn.security.OperatorRole;
import org.telcocdn.security.ServiceRoles;
import org.telcocdn.testkit.TestCredentials;

class ClientServerTest {
  /**
   * Absolute links in HTML ({@code src="/…"}, {@code href="/…"}) and relative ES module imports.
   */
  private static final Pattern LINK =
      Pattern.compile("(?:src|href)=\"(/[^\"]*)\"|from '\\./([a-z-]+\\.js)'");

  private static final HttpClient http = HttpClient.newHttpClient();
  private static final TestCredentials CREDS = TestCredentials.shared();
  private static final HttpClient operator = TestCredentials.http(CREDS.operatorTls());

  /** Served on the control listener only. */
  private static final java.util.Set<String> OPERATOR_PAGE =
      java.util.Set.of(
          "/operator.html",
          "/js/operator.js",
          "/js/charts.js",
          "/js/predictions.js",
          "/js/live-card.js",
          "/css/operator.css",
          "/vendor/uPlot.iife.min.js",
          "/vendor/uPlot.min.css");

  private static ClientServer server;

  @BeforeAll
  static void start() {
    java.util.Map<String, String> settings =
        new java.util.HashMap<>(CREDS.settings(ServiceRoles.CLIENT, "client"));
    settings.putAll(
        Map.of(
            "client.port", "0",
            "client.control-port", "0",
            "client.metadata-url", "http://127.0.0.1:18081/",
            "client.broker-url", "http://127.0.0.1:18080",
            "client.analytics-url", "http://127.0.0.1:18095/",
            "client.analytics-control-url", "https://127.0.0.1:1"));
    server = ClientServer.start(ClientConfig.from(Settings.of(settings)));
  }

  @Test
  void theOperatorPage_isOnTheControlListenerOnly_andItsReadsNeedAToken() throws Exception {
    assertThat(
            http.send(
                    HttpRequest.newBuilder(uri("/operator.html")).build(),
                    HttpResponse.BodyHandlers.ofString())
                .statusCode())
        .isEqualTo(404);
    assertThat(get("/operator.html").statusCode()).isEqualTo(200);
    assertThat(get("/operator.html").headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    assertThat(control("/index.html", null).statusCode())
        .as("the player's pages are not on the control listener")
        .isEqualTo(404);
    HttpResponse<String> noToken = control("/ops/analytics/top", null);
    assertThat(noToken.statusCode()).isEqualTo(401);
    assertThat(noToken.headers().firstValue("WWW-Authenticate")).isPresent();
    HttpResponse<String> upstreamDown =
        control("/ops/analytics/top", CREDS.token(OperatorRole.READONLY));
    assertThat(upstreamDown.statusCode())
        .as("checked here, then forwarded: nothing listens upstream")
        .isEqualTo(503);
    assertThat(control("/ops/elsewhere/top", CREDS.token(OperatorRole.READONLY)).statusCode())
        .isEqualTo(404);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/", "/index.html"})
  void catalogPage_isHtml(String path) throws Exception {
    HttpResponse<String> response = get(path);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-cache");
    assertThat(response.body()).contains("<!doctype html>", "/js/catalog.js", "id=\"videos\"");
  }

  @Test
  void playerPage_hasVideoElementAndLoadsHlsJs() throws Exception {
    HttpResponse<String> response = get("/player.html");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(response.body())
        .contains("<video id=\"video\"", "/vendor/hls.min.js", "/js/player.js");
  }

  @Test
  void scriptsAndStyles_haveTheirContentTypes() throws Exception {
    assertThat(get("/js/player.js").headers().firstValue("Content-Type"))
        .hasValue("text/javascript; charset=utf-8");
    assertThat(get("/js/stats.js").body()).contains("window.playerStats");
    assertThat(get("/css/site.css").headers().firstValue("Content-Type"))
        .hasValue("text/css; charset=utf-8");
    assertThat(get("/favicon.svg").headers().firstValue("Content-Type")).hasValue("image/svg+xml");
  }

  @Test
  void hlsJs_isServedFromTheWebjar() throws Exception {
    HttpResponse<String> response = get("/vendor/hls.min.js");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("text/javascript; charset=utf-8");
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("public, max-age=86400");
    assertThat(response.body()).hasSizeGreaterThan(100_000).contains("1.4.12");
    assertThat(get("/vendor/hls.min.js.map").statusCode()).isEqualTo(200);
  }

  @Test
  void uplot_isServedFromItsWebjar() throws Exception {
    HttpResponse<String> script = get("/vendor/uPlot.iife.min.js");
    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.headers().firstValue("Cache-Control")).hasValue("public, max-age=86400");
    assertThat(script.body()).hasSizeGreaterThan(40_000).contains("uPlot");
    HttpResponse<String> style = get("/vendor/uPlot.min.css");
    assertThat(style.headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
    assertThat(style.body()).contains(".uplot");
  }

  /** A page that names a file the site does not serve would break silently in the browser. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "/index.html",
        "/player.html",
        "/js/catalog.js",
        "/js/player.js",
        "/js/stats.js",
        "/js/failover.js",
        "/operator.html",
        "/js/operator.js",
        "/js/predictions.js"
      })
  void everyLinkedFile_isServed(String page) throws Exception {
    Matcher links = LINK.matcher(get(page).body());
    int found = 0;
    while (links.find()) {
      String target = links.group(1) != null ? links.group(1) : "/js/" + links.group(2);
      assertThat(get(target).statusCode()).as(page + " links " + target).isEqualTo(200);
      found++;
    }
    assertThat(found).isPositive();
  }

  @Test
  void configJson_pointsThePagesAtTheApis() throws Exception {
    HttpResponse<String> response = get("/config.json");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    JsonNode body = Json.MAPPER.readTree(response.body());
    assertThat(body.get("metadataUrl").asText()).isEqualTo("http://127.0.0.1:18081");
    assertThat(body.get("brokerUrl").asText()).isEqualTo("http://127.0.0.1:18080");
    assertThat(body.get("analyticsUrl").asText()).isEqualTo("http://127.0.0.1:18095");
  }

  @Test
  void config_analyticsUrlIsOptional_andChecked() {
    assertThat(ClientConfig.from(Settings.of(Map.of())).analyticsUrl())
        .isEqualTo("http://127.0.0.1:8095");
    assertThat(ClientConfig.from(Settings.of(Map.of("client.analytics-url", ""))).analyticsUrl())
        .isEmpty();
    assertThatThrownBy(
            () -> ClientConfig.from(Settings.of(Map.of("client.analytics-url", "analytics:8095"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("client.analytics-url");
  }

  @Test
  void matchingEtag_answers304WithoutBody() throws Exception {
    String etag = get("/index.html").headers().firstValue("ETag").orElseThrow();

    HttpResponse<String> again =
        http.send(
            HttpRequest.newBuilder(uri("/index.html")).header("If-None-Match", etag).build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
  }

  @Test
  void unknownPath_is404Json() throws Exception {
    HttpResponse<String> response = get("/web/index.html");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(Json.MAPPER.readTree(response.body()).get("error").asText()).isEqualTo("not_found");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/..%2f..%2fetc/passwd",
        "/web/../pom.xml",
        "/../../etc/passwd",
        "/css/%2e%2e/%2e%2e/pom.xml",
        "/META-INF/resources/webjars/hls.js/1.4.12/dist/hls.min.js",
        "/org/telcocdn/client/ClientServer.class"
      })
  void traversal_isRefusedWithJson(String rawPath) throws Exception {
    String response = rawGet(rawPath);

    assertThat(response).matches("(?s)HTTP/1\\.1 (400|404) .*");
    assertThat(response)
        .contains("application/json")
        .containsPattern("\"error\":\"(bad_request|not_found)\"");
  }

  @Test
  void config_refusesAUrlThatIsNotHttp() {
    assertThatThrownBy(
            () -> ClientConfig.from(Settings.of(Map.of("client.metadata-url", "ftp://x"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("client.metadata-url");
  }

  private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
    if (OPERATOR_PAGE.contains(path)) return control(path, null);
    return http.send(
        HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> control(String path, String token)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.controlUrl() + path));
    if (token != null) b.header("Authorization", "Bearer " + token);
    return operator.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static URI uri(String path) {
    return URI.create(server.url() + path);
  }

  /** A request line sent exactly as written: HTTP clients would normalise the dot segments away. */
  private static String rawGet(String rawPath) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET " + rawPath + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
