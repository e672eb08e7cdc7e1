package org.telcocdn.metadata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.telcocdn.common.config.Settings;
import org.telcocdn.security.OperatorRole;
import org.telcocdn.security.ServiceRoles;
import org.telcocdn.testkit.TestCredentials;

/**
 * vid-metadata's settings for tests (ports 0, real credentials) and the calls tests make: reads on
 * the viewer listener, like the player page, and writes on the control listener, as an operator.
 */
final class TestMetadata {
  static final TestCredentials CREDS = TestCredentials.shared();
  private static final HttpClient VIEWER = HttpClient.newHttpClient();
  private static final HttpClient OPERATOR = TestCredentials.http(CREDS.operatorTls());

  private TestMetadata() {}

  /**
   * {@code broker}: the (fake) broker, whose viewer and control URL are the same in these tests.
   */
  static MetadataConfig config(String dbUrl, String broker, Map<String, String> more) {
    Map<String, String> all = new HashMap<>(CREDS.settings(ServiceRoles.METADATA, "vid-metadata"));
    all.putAll(
        Map.of(
            "metadata.port",
            "0",
            "metadata.control-port",
            "0",
            "metadata.db.url",
            dbUrl,
            "metadata.broker-url",
            broker,
            "metadata.broker-control-url",
            broker,
            "metadata.max-body-bytes",
            "4096"));
    all.putAll(more);
    return MetadataConfig.from(Settings.of(all));
  }

  /** GET on the viewer listener, anything else as an operator on the control listener. */
  static HttpResponse<String> send(MetadataServer server, String method, String path, String body) {
    boolean read = method.equals("GET") && !path.equals("/metrics");
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create((read ? server.url() : server.controlUrl()) + path))
            .timeout(Duration.ofSeconds(10))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) request.header("Content-Type", "application/json");
    if (!read) request.header("Authorization", "Bearer " + CREDS.token(OperatorRole.OPERATOR));
    try {
      return (read ? VIEWER : OPERATOR).send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
