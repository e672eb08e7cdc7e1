package org.telcocdn.client;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.telcocdn.common.http.ApiException;
import org.telcocdn.common.http.BoundedBody;
import org.telcocdn.common.http.Request;
import org.telcocdn.common.http.Response;

/**
 * {@code GET /ops/{service}/{path...}} on the client's control listener: the operator page's reads
 * of analytics' and the controller's control APIs, made same-origin so that those APIs need no
 * CORS. The client has already checked the operator's token (the route's access); it forwards the
 * request to {@code {upstream}/api/{path}} over mutual TLS with its own certificate and the
 * operator's {@code Authorization} header, so the upstream decides by the operator's role and
 * audits the operator. Only GETs are forwarded, to two named upstreams, and answers are bounded in
 * size.
 */
final class OperatorProxy {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final int MAX_ANSWER_BYTES = 8 << 20;

  private final Map<String, String> upstreams;
  private final HttpClient http;

  /**
   * {@code upstreams}: name in the path ({@code analytics}, {@code controller}) to its control URL.
   */
  OperatorProxy(Map<String, String> upstreams, SSLContext tls) {
    this.upstreams = Map.copyOf(upstreams);
    this.http =
        HttpClient.newBuilder()
            .sslContext(tls)
            .connectTimeout(TIMEOUT)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  Response forward(Request request) throws InterruptedException {
    String base = upstreams.get(request.param("service"));
    if (base == null || base.isEmpty())
      throw ApiException.notFound("no upstream '" + request.param("service") + "' here");
    URI target =
        URI.create(base + "/api/" + encodePath(request.param("path")) + query(request.query()));
    HttpRequest.Builder out = HttpRequest.newBuilder(target).timeout(TIMEOUT).GET();
    request.header("Authorization").ifPresent(a -> out.header("Authorization", a));
    HttpResponse<byte[]> answer;
    try {
      // Read at most MAX_ANSWER_BYTES, whole within twice the timeout: an upstream answering
      // without end
      // costs a 502, not the client's memory (docs/security.md, bounded reads).
      answer = BoundedBody.send(http, out.build(), MAX_ANSWER_BYTES, TIMEOUT.multipliedBy(2));
    } catch (BoundedBody.TooLarge e) {
      throw new ApiException(
          502, "bad_gateway", request.param("service") + " answered too much: " + e.getMessage());
    } catch (IOException e) {
      throw ApiException.unavailable(
          request.param("service") + " cannot be reached: " + e.getMessage());
    }
    return Response.bytes(
            answer.statusCode(),
            answer.headers().firstValue("Content-Type").orElse("application/json"),
            answer.body())
        .header("Cache-Control", "no-store");
  }

  private static String encodePath(String path) {
    StringBuilder out = new StringBuilder();
    for (String segment : path.split("/")) {
      if (!out.isEmpty()) out.append('/');
      out.append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
    }
    return out.toString();
  }

  private static String query(Map<String, List<String>> query) {
    StringBuilder out = new StringBuilder();
    query.forEach(
        (key, values) ->
            values.forEach(
                v ->
                    out.append(out.isEmpty() ? '?' : '&')
                        .append(URLEncoder.encode(key, StandardCharsets.UTF_8))
                        .append('=')
                        .append(URLEncoder.encode(v, StandardCharsets.UTF_8))));
    return out.toString();
  }
}
