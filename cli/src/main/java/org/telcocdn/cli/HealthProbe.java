package org.telcocdn.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Asks a service's {@code GET /health}; anything but a 200 in time counts as unhealthy. */
public final class HealthProbe {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(TIMEOUT).version(HttpClient.Version.HTTP_1_1).build();

  public boolean healthy(String baseUrl) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(baseUrl + "/health")).timeout(TIMEOUT).GET().build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException | IllegalArgumentException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
