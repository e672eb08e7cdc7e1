package org.telcocdn.common.http;

import java.time.Duration;
import java.util.Map;

/**
 * A request that cannot be served, with the HTTP status and the machine-readable error code that
 * the client sees in the JSON body {@code {"error": code, "message": message}}. Thrown by handlers
 * and turned into a response in one place ({@link HttpServer}), with the headers it names (a 503's
 * {@code Retry-After}).
 */
public class ApiException extends RuntimeException {
  private final int status;
  private final String error;
  private final Map<String, String> headers;

  public ApiException(int status, String error, String message) {
    this(status, error, message, Map.of());
  }

  public ApiException(int status, String error, String message, Map<String, String> headers) {
    super(message);
    this.status = status;
    this.error = error;
    this.headers = Map.copyOf(headers);
  }

  public int status() {
    return status;
  }

  public String error() {
    return error;
  }

  /** Headers the answer carries besides the JSON body. */
  public Map<String, String> headers() {
    return headers;
  }

  /** This error as the response the client sees. */
  public Response toResponse() {
    Response response = Response.error(status, error, getMessage());
    headers.forEach(response::header);
    return response;
  }

  public static ApiException badRequest(String message) {
    return new ApiException(400, "bad_request", message);
  }

  public static ApiException notFound(String message) {
    return new ApiException(404, "not_found", message);
  }

  public static ApiException conflict(String message) {
    return new ApiException(409, "conflict", message);
  }

  public static ApiException tooLarge(String message) {
    return new ApiException(413, "payload_too_large", message);
  }

  public static ApiException unprocessable(String message) {
    return new ApiException(422, "unprocessable", message);
  }

  public static ApiException unavailable(String message) {
    return new ApiException(503, "unavailable", message);
  }

  /**
   * A 503 that tells the client when to come back ({@code Retry-After} in whole seconds, at least
   * 1, RFC 9110 section 10.2.3).
   */
  public static ApiException unavailable(String error, String message, Duration retryAfter) {
    long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    return new ApiException(503, error, message, Map.of("Retry-After", Long.toString(seconds)));
  }
}
