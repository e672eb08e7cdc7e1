package org.telcocdn.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.telcocdn.common.config.Settings;
import org.telcocdn.common.http.Access;
import org.telcocdn.common.http.HttpServer;
import org.telcocdn.common.http.Response;
import org.telcocdn.common.security.SecurityConfig;
import org.telcocdn.common.security.ServiceSecurity;
import org.telcocdn.security.OperatorRole;
import org.telcocdn.security.ServiceRoles;
import org.telcocdn.testkit.TestCredentials;

/**
 * The operator page's proxy against a real upstream on a control listener (a stand-in for analytics
 * with analytics' certificate): {@code /ops/analytics/{path}} reaches {@code /api/{path}} with the
 * operator's token, and an upstream answering more than the proxy reads costs a 502, not memory.
 */
class OperatorProxyTest {
  private static final TestCredentials CREDS = TestCredentials.shared();
  private static final HttpClient OPERATOR = TestCredentials.http(CREDS.operatorTls());
  private static final List<String> asked = new CopyOnWriteArrayList<>();
  private static ServiceSecurity upstreamSecurity;
  private static HttpServer upstream;
  private static ClientServer client;

  @BeforeAll
  static void start() {
    upstreamSecurity =
        ServiceSecurity.load(
            SecurityConfig.from(Settings.of(CREDS.settings(ServiceRoles.ANALYTICS, "analytics"))),
            "analytics");
    byte[] endless = new byte[9 << 20]; // more than the proxy's 8 MiB
    upstream =
        HttpServer.builder("fake-analytics")
            .control("127.0.0.1", 0, upstreamSecurity)
            .get(
                "/api/summary",
                Access.control(OperatorRole.READONLY),
                r -> {
                  asked.add(r.path() + " " + r.header("Authorization").orElse(""));
                  return Response.ok(Map.of("records", 7));
                })
            .get(
                "/api/huge",
                Access.control(OperatorRole.READONLY),
                r -> Response.bytes(200, "application/json", endless))
            .start();
    Map<String, String> settings = new HashMap<>(CREDS.settings(ServiceRoles.CLIENT, "client"));
    settings.putAll(
        Map.of(
            "client.port",
            "0",
            "client.control-port",
            "0",
            "client.analytics-control-url",
            "https://127.0.0.1:" + upstream.controlPort(),
            "client.controller-url",
            ""));
    client = ClientServer.start(ClientConfig.from(Settings.of(settings)));
  }

  @AfterAll
  static void stop() {
    if (client != null) client.close();
    if (upstream != null) upstream.close();
    if (upstreamSecurity != null) upstreamSecurity.close();
  }

  @Test
  void opsPath_isForwardedUnderApi_withTheOperatorsToken() throws Exception {
    String token = CREDS.token(OperatorRole.READONLY);

    HttpResponse<String> r = get("/ops/analytics/summary", token);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).contains("\"records\":7");
    assertThat(asked).containsExactly("/api/summary Bearer " + token);
  }

  @Test
  void anUpstreamAnsweringTooMuch_isA502() throws Exception {
    HttpResponse<String> r = get("/ops/analytics/huge", CREDS.token(OperatorRole.READONLY));

    assertThat(r.statusCode()).as(r.body()).isEqualTo(502);
    assertThat(r.body()).contains("bad_gateway");
  }

  private static HttpResponse<String> get(String path, String token) throws Exception {
    return OPERATOR.send(
        HttpRequest.newBuilder(URI.create(client.controlUrl() + path))
            .timeout(Duration.ofSeconds(20))
            .header("Authorization", "Bearer " + token)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
