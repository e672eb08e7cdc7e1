package org.telcocdn.cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.telcocdn.cache.metrics.EdgeMetrics;
import org.telcocdn.cache.replication.EdgeReplication;
import org.telcocdn.cache.replication.PeerTransport;
import org.telcocdn.cache.storage.DiskTier;
import org.telcocdn.cache.storage.TitleVersions;
import org.telcocdn.common.config.Settings;

/** Starts edges on port 0 with the production wiring, and talks HTTP to them. */
public final class EdgeFixture {
  public static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private EdgeFixture() {}

  /** With the calls to site peers wrapped, e.g. by a test's partition. */
  public static EdgeServer start(EdgeConfig config, UnaryOperator<PeerTransport> transport) {
    return EdgeServer.start(config, transport);
  }

  // What tests in the subsystems' packages may look at in a running edge: EdgeServer keeps these
  // package-private, so production code cannot reach into an edge's parts.

  public static DiskTier disk(EdgeServer edge) {
    return edge.disk();
  }

  public static int fillsRunning(EdgeServer edge) {
    return edge.fillsRunning();
  }

  public static EdgeMetrics metrics(EdgeServer edge) {
    return edge.metrics();
  }

  public static EdgeReplication replication(EdgeServer edge) {
    return edge.replication();
  }

  public static TitleVersions versions(EdgeServer edge) {
    return edge.versions();
  }

  public static EdgeServer edge(String originTarget, Path cacheDir, Map<String, String> more) {
    Map<String, String> values =
        new HashMap<>(
            Map.of(
                "edge.name", "edge-test",
                "edge.port", "0",
                "edge.origin-target", originTarget,
                "edge.broker-url", "",
                "edge.cache-dir", cacheDir.toString(),
                "edge.disk.max-bytes", "64MiB",
                "edge.memory.max-bytes", "8MiB",
                "edge.io-threads", "2"));
    values.putAll(more);
    return EdgeServer.start(EdgeConfig.from(Settings.of(values)));
  }

  public static byte[] random(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  public static HttpResponse<byte[]> get(EdgeServer edge, String path, String... headers) {
    return send(edge, "GET", path, headers);
  }

  public static HttpResponse<byte[]> send(
      EdgeServer edge, String method, String path, String... headers) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(edge.url() + path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .timeout(Duration.ofSeconds(20));
    if (headers.length > 0) builder.headers(headers);
    return send(builder.build());
  }

  public static HttpResponse<byte[]> post(EdgeServer edge, String path, String json) {
    return send(
        HttpRequest.newBuilder(URI.create(edge.url() + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .timeout(Duration.ofSeconds(20))
            .build());
  }

  private static HttpResponse<byte[]> send(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
