package org.telcocdn.common.http;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;

/**
 * CORS for the player page, which is served from another origin than the broker, the edges and the
 * metadata API. Exposes the headers the player shows ({@code X-Cache}, {@code X-Served-By}) and
 * the failover list ({@code X-Alternate-Edges}).
 */
public final class Cors {
  public static final String EXPOSED = "X-Cache, X-Served-By, X-Alternate-Edges, X-Route-Reason, CMSD-Dynamic, CMSD-Static, Content-Length, Content-Range, ETag";

  private Cors() {}

  public static void apply(HttpRequest request, HttpHeaders headers) {
    headers.set("Access-Control-Allow-Origin", "*");
    headers.set("Access-Control-Expose-Headers", EXPOSED);
    if (request != null && request.method().name().equals("OPTIONS")) {
      headers.set("Access-Control-Allow-Methods", "GET, HEAD, POST, PUT, DELETE, OPTIONS");
      String asked = request.headers().get("Access-Control-Request-Headers");
      headers.set("Access-Control-Allow-Headers", asked != null ? asked : "Content-Type, Range");
      headers.set("Access-Control-Max-Age", "600");
    }
  }
}
