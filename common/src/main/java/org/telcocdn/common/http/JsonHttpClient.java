package org.telcocdn.common.http;

import com.fasterxml.jackson.databind.JavaType;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.telcocdn.common.json.Json;

/**
 * Service-to-service JSON over HTTP (registration, heartbeats, invalidations, metadata). A non-2xx
 * answer becomes an {@link ApiException} carrying the peer's status, error code and message, so a
 * caller can tell a refusal (4xx) from an outage (5xx, or status 503 when the peer cannot be
 * reached).
 */
public final class JsonHttpClient {
  private final HttpClient http;
  private final Duration timeout;

  public JsonHttpClient(Duration timeout) {
    this.timeout = timeout;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  public <T> T get(String url, Class<T> type) {
    return send(HttpRequest.newBuilder(URI.create(url)).GET(), Json.MAPPER.constructType(type));
  }

  public <T> T get(String url, JavaType type) {
    return send(HttpRequest.newBuilder(URI.create(url)).GET(), type);
  }

  public <T> T post(String url, Object body, Class<T> type) {
    return send(withBody(url, "POST", body), Json.MAPPER.constructType(type));
  }

  public <T> T put(String url, Object body, Class<T> type) {
    return send(withBody(url, "PUT", body), Json.MAPPER.constructType(type));
  }

  public void delete(String url) {
    send(HttpRequest.newBuilder(URI.create(url)).DELETE(), null);
  }

  private static HttpRequest.Builder withBody(String url, String method, Object body) {
    return HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body)));
  }

  private <T> T send(HttpRequest.Builder builder, JavaType type) {
    HttpResponse<byte[]> response;
    try {
      response =
          http.send(builder.timeout(timeout).build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new ApiException(
          503, "unreachable", builder.build().uri() + " cannot be reached: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException(
          503, "interrupted", "interrupted while calling " + builder.build().uri());
    }
    if (response.statusCode() / 100 != 2) throw failure(response);
    if (type == null || response.body().length == 0) return null;
    try {
      return Json.MAPPER.readValue(response.body(), type);
    } catch (IOException e) {
      throw new ApiException(
          502,
          "bad_gateway",
          response.uri() + " answered JSON of an unexpected shape: " + e.getMessage());
    }
  }

  private static ApiException failure(HttpResponse<byte[]> response) {
    try {
      ErrorBody body = Json.MAPPER.readValue(response.body(), ErrorBody.class);
      return new ApiException(response.statusCode(), body.error(), body.message());
    } catch (IOException | RuntimeException e) {
      return new ApiException(
          response.statusCode(),
          "http_" + response.statusCode(),
          response.uri() + " answered " + response.statusCode());
    }
  }
}
