package org.telcocdn.common.http;

/**
 * A request that cannot be served, with the HTTP status and the machine-readable error code that the
 * client sees in the JSON body {@code {"error": code, "message": message}}. Thrown by handlers and
 * turned into a response in one place ({@link HttpServer}).
 */
public class ApiException extends RuntimeException {
  private final int status;
  private final String error;

  public ApiException(int status, String error, String message) {
    super(message);
    this.status = status;
    this.error = error;
  }

  public int status() {
    return status;
  }

  public String error() {
    return error;
  }

  public static ApiException badRequest(String message) {
    return new ApiException(400, "bad_request", message);
  }

  public static ApiException notFound(String message) {
    return new ApiException(404, "not_found", message);
  }

  /** 401: no credentials, or credentials that prove nobody (a bad or expired token). */
  public static ApiException unauthenticated(String message) {
    return new ApiException(401, "unauthenticated", message);
  }

  /** 403: a caller proven, and not allowed here. */
  public static ApiException forbidden(String message) {
    return new ApiException(403, "forbidden", message);
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
}
