package org.telcocdn.cache.http;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.telcocdn.cache.EdgeFixture;
import org.telcocdn.cache.EdgeServer;
import org.telcocdn.cache.metrics.EdgeMetrics;
import org.telcocdn.common.json.Json;
import org.telcocdn.testkit.Await;
import org.telcocdn.testkit.FakeHttpOrigin;
import org.telcocdn.testkit.FakeHttpOrigin.Reply;
import org.telcocdn.testkit.FakeHttpOrigin.Request;

/**
 * An edge on port 0 with the production wiring, fronting a {@link FakeHttpOrigin} through one
 * delivery service that takes every host and path, as {@code cdn edge --origin} sets it up.
 */
final class HttpEdge implements AutoCloseable {
  final FakeHttpOrigin origin;
  final EdgeServer edge;

  private HttpEdge(FakeHttpOrigin origin, EdgeServer edge) {
    this.origin = origin;
    this.edge = edge;
  }

  /**
   * @param settings more edge keys, {@code "key", "value"...}
   */
  static HttpEdge start(Path cacheDir, Function<Request, Reply> handler, String... settings) {
    FakeHttpOrigin origin = FakeHttpOrigin.start(handler);
    Map<String, String> more = new HashMap<>();
    more.put(
        "edge.delivery-services",
        Json.string(List.of(DeliveryService.everything("origin", origin.url()))));
    for (int i = 0; i < settings.length; i += 2) more.put(settings[i], settings[i + 1]);
    try {
      // the gRPC origin is never asked: every path belongs to the delivery service
      return new HttpEdge(origin, EdgeFixture.edge("127.0.0.1:1", cacheDir, more));
    } catch (RuntimeException e) {
      origin.close();
      throw e;
    }
  }

  HttpResponse<byte[]> get(String path, String... headers) {
    return EdgeFixture.get(edge, path, headers);
  }

  HttpResponse<byte[]> send(String method, String path, String... headers) {
    return EdgeFixture.send(edge, method, path, headers);
  }

  /** How many requests for {@code path} reached the origin. */
  int originRequests(String path) {
    return origin.requests(path).size();
  }

  /** Waits until every fill is committed: what the edge stored is then in its tiers. */
  void awaitFillsDone() {
    Await.until(
        Duration.ofSeconds(10), "fills committed", () -> EdgeFixture.fillsRunning(edge) == 0);
  }

  EdgeMetrics metrics() {
    return EdgeFixture.metrics(edge);
  }

  static String xCache(HttpResponse<?> response) {
    return response.headers().firstValue("X-Cache").orElse("");
  }

  static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    edge.close();
    origin.close();
  }
}
