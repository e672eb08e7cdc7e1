package org.telcocdn.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.telcocdn.security.TlsMaterial;

/**
 * Asks a service's {@code GET /health}; anything but a 200 in time counts as unhealthy. A service
 * with only a control listener answers over HTTPS: the probe then trusts the internal CA of the
 * topology's secrets ({@code ca}) and sends no credentials ({@code /health} is open; its details
 * are not needed here).
 */
public final class HealthProbe {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  private final HttpClient http = client(null);
  private final Map<Path, HttpClient> trusting = new ConcurrentHashMap<>();

  /** Plain HTTP only. */
  public boolean healthy(String baseUrl) {
    return healthy(baseUrl, null);
  }

  /** {@code ca}: the CA certificate HTTPS URLs are checked against; null for plain HTTP only. */
  public boolean healthy(String baseUrl, Path ca) {
    HttpClient client =
        baseUrl.startsWith("https:") && ca != null && Files.isRegularFile(ca)
            ? trusting.computeIfAbsent(ca, HealthProbe::trustingClient)
            : http;
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(baseUrl + "/health")).timeout(TIMEOUT).GET().build();
    try {
      return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException | IllegalArgumentException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static HttpClient trustingClient(Path ca) {
    return client(TlsMaterial.trustOnly(ca));
  }

  private static HttpClient client(javax.net.ssl.SSLContext tls) {
    HttpClient.Builder b =
        HttpClient.newBuilder().connectTimeout(TIMEOUT).version(HttpClient.Version.HTTP_1_1);
    if (tls != null) b.sslContext(tls);
    return b.build();
  }
}
