package org.telcocdn.common.http;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.AsciiString;

/**
 * CORS for the player page, which is served from another origin than the broker, the edges and the
 * metadata API. Exposes the headers the player shows ({@code X-Cache}, {@code X-Served-By}) and the
 * failover list ({@code X-Alternate-Edges}). {@code Timing-Allow-Origin: *} lets the page's
 * Resource Timing see each object's phases (W3C Resource Timing: without it a cross-origin entry's
 * {@code requestStart} and {@code responseStart} are 0), so a player or a benchmark in the browser
 * can tell a segment's time to first byte (bench/topology-ttfb).
 */
public final class Cors {
  public static final String EXPOSED =
      "X-Cache, X-Served-By, X-Alternate-Edges, X-Route-Reason, CMSD-Dynamic, CMSD-Static, Content-Length, Content-Range, ETag";

  private Cors() {}

  // AsciiStrings: their hash is cached and they encode as one copy, and these go on every response.
  private static final AsciiString ALLOW_ORIGIN = AsciiString.cached("Access-Control-Allow-Origin");
  private static final AsciiString ANY = AsciiString.cached("*");
  private static final AsciiString EXPOSE_HEADERS =
      AsciiString.cached("Access-Control-Expose-Headers");
  private static final AsciiString EXPOSED_VALUE = AsciiString.cached(EXPOSED);
  private static final AsciiString TIMING_ALLOW_ORIGIN = AsciiString.cached("Timing-Allow-Origin");

  public static void apply(HttpRequest request, HttpHeaders headers) {
    headers.set(ALLOW_ORIGIN, ANY);
    headers.set(EXPOSE_HEADERS, EXPOSED_VALUE);
    headers.set(TIMING_ALLOW_ORIGIN, ANY);
    if (request != null && request.method().name().equals("OPTIONS")) {
      headers.set("Access-Control-Allow-Methods", "GET, HEAD, POST, PUT, DELETE, OPTIONS");
      String asked = request.headers().get("Access-Control-Request-Headers");
      headers.set("Access-Control-Allow-Headers", asked != null ? asked : "Content-Type, Range");
      headers.set("Access-Control-Max-Age", "600");
    }
  }
}
