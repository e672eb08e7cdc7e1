package org.telcocdn.common.http;

import java.util.Map;

/** The body of {@code GET /health}: {@code UP} answers 200, anything else 503. */
public record Health(String status, Map<String, Object> details) {
  public static Health up() {
    return new Health("UP", Map.of());
  }

  public static Health up(Map<String, Object> details) {
    return new Health("UP", details);
  }

  public static Health down(String reason) {
    return new Health("DOWN", Map.of("reason", reason));
  }

  public boolean isUp() {
    return status.equals("UP");
  }

  /**
   * The answer to {@code GET /health}: {@code {"status","service","details"}}, 200 when up, else
   * 503.
   */
  public Response response(String service) {
    return Response.json(
        isUp() ? 200 : 503, Map.of("status", status, "service", service, "details", details));
  }
}
