package org.telcocdn.common.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.telcocdn.common.json.Json;

/** What a handler answers: status, headers and a body held in memory. */
public final class Response {
  private final int status;
  private final Map<String, String> headers = new LinkedHashMap<>();
  private final byte[] body;

  private Response(int status, String contentType, byte[] body) {
    this.status = status;
    this.body = body;
    if (contentType != null) headers.put("Content-Type", contentType);
  }

  public static Response json(int status, Object value) {
    return new Response(status, "application/json", Json.bytes(value));
  }

  public static Response ok(Object value) {
    return json(200, value);
  }

  public static Response bytes(int status, String contentType, byte[] body) {
    return new Response(status, contentType, body);
  }

  public static Response text(int status, String contentType, String body) {
    return new Response(status, contentType, body.getBytes(StandardCharsets.UTF_8));
  }

  /** {@code GET /metrics}: the registry in Prometheus' text format. */
  public static Response prometheus(PrometheusMeterRegistry registry) {
    return text(200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape());
  }

  public static Response noContent() {
    return new Response(204, null, new byte[0]);
  }

  /** A 302 to {@code location}. */
  public static Response redirect(String location) {
    return new Response(302, null, new byte[0]).header("Location", location);
  }

  public static Response error(int status, String error, String message) {
    return json(status, new ErrorBody(error, message));
  }

  public Response header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  public int status() {
    return status;
  }

  public Map<String, String> headers() {
    return headers;
  }

  public byte[] body() {
    return body;
  }
}
