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
import org.telcocdn.cache.integrity.Revalidation;
import org.telcocdn.cache.metrics.EdgeMetrics;
import org.telcocdn.cache.replication.EdgeReplication;
import org.telcocdn.cache.replication.PeerTransport;
import org.telcocdn.cache.storage.DiskTier;
import org.telcocdn.cache.storage.TitleVersions;
import org.telcocdn.common.config.Settings;
import org.telcocdn.security.OperatorRole;
import org.telcocdn.security.ServiceIdentity;
import org.telcocdn.security.ServiceRoles;
import org.telcocdn.testkit.TestCredentials;

/**
 * Starts edges on port 0 with the production wiring and real credentials, and talks HTTP to them:
 * players on the viewer listener, an admin (or another service) on the control listener.
 */
public final class EdgeFixture {
  public static final TestCredentials CREDS = TestCredentials.shared();
  public static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private static final HttpClient OPERATOR = TestCredentials.http(CREDS.operatorTls());

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

  /**
   * {@code values} with the control listener on port 0 and the {@code security.*} settings of the
   * edge they name ({@code edge.name}, {@code edge.site}).
   */
  public static Settings settings(Map<String, String> values) {
    Map<String, String> all = new HashMap<>(Map.of("edge.control-port", "0"));
    all.putAll(CREDS.settings(identity(values)));
    all.putAll(values);
    return Settings.of(all);
  }

  public static ServiceIdentity identity(Map<String, String> values) {
    return new ServiceIdentity(
        ServiceRoles.EDGE,
        values.getOrDefault("edge.site", "site-a"),
        values.getOrDefault("edge.name", "edge-1"));
  }

  public static Revalidation revalidation(EdgeServer edge) {
    return edge.revalidation();
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
    return EdgeServer.start(EdgeConfig.from(settings(values)));
  }

  public static byte[] random(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  public static HttpResponse<byte[]> get(EdgeServer edge, String path, String... headers) {
    return send(edge, "GET", path, headers);
  }

  /**
   * {@code /videos/**} and {@code /health} on the viewer listener, as a player; anything else as an
   * admin.
   */
  public static HttpResponse<byte[]> send(
      EdgeServer edge, String method, String path, String... headers) {
    boolean viewer =
        path.startsWith("/videos/") || path.equals("/health") || method.equals("OPTIONS");
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create((viewer ? edge.url() : edge.controlUrl()) + path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .timeout(Duration.ofSeconds(20));
    if (headers.length > 0) builder.headers(headers);
    if (viewer) return send(HTTP, builder.build());
    return send(
        OPERATOR,
        builder.header("Authorization", "Bearer " + CREDS.token(OperatorRole.ADMIN)).build());
  }

  /**
   * Any request on the viewer listener, as a player (a delivery service's paths are all viewers').
   */
  public static HttpResponse<byte[]> viewerSend(
      EdgeServer edge, String method, String path, String... headers) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(edge.url() + path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .timeout(Duration.ofSeconds(20));
    if (headers.length > 0) builder.headers(headers);
    return send(HTTP, builder.build());
  }

  /** A GET on the control listener, as an admin (e.g. {@code /health} with its details). */
  public static HttpResponse<byte[]> controlGet(EdgeServer edge, String path) {
    return send(
        OPERATOR,
        HttpRequest.newBuilder(URI.create(edge.controlUrl() + path))
            .header("Authorization", "Bearer " + CREDS.token(OperatorRole.ADMIN))
            .timeout(Duration.ofSeconds(20))
            .build());
  }

  /** A POST on the control listener, as an admin. */
  public static HttpResponse<byte[]> post(EdgeServer edge, String path, String json) {
    return send(
        OPERATOR,
        HttpRequest.newBuilder(URI.create(edge.controlUrl() + path))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + CREDS.token(OperatorRole.ADMIN))
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .timeout(Duration.ofSeconds(20))
            .build());
  }

  /** A POST on the control listener by the service {@code caller}, with its certificate. */
  public static HttpResponse<byte[]> postAs(
      ServiceIdentity caller, EdgeServer edge, String path, String json) {
    return send(
        TestCredentials.http(CREDS.service(caller)),
        HttpRequest.newBuilder(URI.create(edge.controlUrl() + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .timeout(Duration.ofSeconds(20))
            .build());
  }

  /** {@code request} with {@code client} (e.g. a service's certificate), the body as bytes. */
  public static HttpResponse<byte[]> send(HttpClient client, HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
