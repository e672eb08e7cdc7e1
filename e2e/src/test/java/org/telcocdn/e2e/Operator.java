package org.telcocdn.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.telcocdn.common.json.Json;
import org.telcocdn.security.OperatorRole;
import org.telcocdn.testkit.TestCredentials;

/**
 * What the end-to-end tests do as an operator: HTTP that trusts the system's internal CA and sends
 * a bearer token to control listeners (HTTPS URLs), and nothing to viewer listeners (HTTP URLs).
 */
final class Operator {
  private final HttpClient http;
  private final Supplier<String> token;

  Operator(SSLContext tls, Supplier<String> token) {
    this.http = TestCredentials.http(tls);
    this.token = token;
  }

  /**
   * An admin of the in-process systems, whose services have {@link TestCredentials#shared()}'s
   * certificates.
   */
  static Operator admin() {
    TestCredentials creds = TestCredentials.shared();
    return new Operator(creds.operatorTls(), () -> creds.token(OperatorRole.ADMIN));
  }

  HttpResponse<String> get(String url) {
    return send(request(url).GET());
  }

  HttpResponse<String> post(String url, String json) {
    return send(
        request(url)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  HttpResponse<String> delete(String url) {
    return send(request(url).DELETE());
  }

  /** Uploads {@code file} to the origin's ingest API, as `cdn ingest` does; the video JSON. */
  Map<?, ?> ingest(String origin, Path file, String name, String... tags) throws IOException {
    StringBuilder query =
        new StringBuilder("?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8));
    for (String tag : tags)
      query.append("&tag=").append(URLEncoder.encode(tag, StandardCharsets.UTF_8));
    HttpResponse<String> response =
        send(
            request(origin + "/api/ingest" + query)
                .timeout(Duration.ofMinutes(5))
                .POST(HttpRequest.BodyPublishers.ofFile(file)));
    if (response.statusCode() != 201)
      throw new AssertionError("ingest answered " + response.statusCode() + ": " + response.body());
    return Json.MAPPER.readValue(response.body(), Map.class);
  }

  /** How many edges the broker lists as UP; 0 while it cannot be reached. */
  long upEdges(String brokerControl) {
    try {
      return Json.MAPPER
          .readTree(get(brokerControl + "/api/edges").body())
          .get("edges")
          .findValuesAsText("state")
          .stream()
          .filter("UP"::equals)
          .count();
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  private HttpRequest.Builder request(String url) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
    if (url.startsWith("https:")) b.header("Authorization", "Bearer " + token.get());
    return b;
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(request.build().uri() + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
