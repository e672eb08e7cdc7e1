package org.telcocdn.broker;

import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.common.http.ApiException;
import org.telcocdn.common.http.HttpServer;
import org.telcocdn.common.http.Request;
import org.telcocdn.common.http.Response;
import org.telcocdn.common.video.VideoId;

/**
 * {@code GET /play/{id}[/{path...}]}: a 302 to the chosen edge. Redirects are {@code no-store}
 * because the right edge changes with load and health; the objects behind them are what caches
 * keep.
 */
final class PlayApi {
  private static final Logger log = LoggerFactory.getLogger(PlayApi.class);
  private static final String MASTER = "master.m3u8";

  private final EdgeRouter router;
  private final BrokerMetrics metrics;

  PlayApi(EdgeRouter router, BrokerMetrics metrics) {
    this.router = router;
    this.metrics = metrics;
  }

  void routes(HttpServer.Builder server) {
    server
        .getNonBlocking("/play/{id}", r -> play(r, MASTER))
        .getNonBlocking("/play/{id}/{path...}", r -> play(r, r.param("path")));
  }

  private Response play(Request request, String path) {
    String id = VideoId.require("video id", request.param("id"));
    RouteDecision decision = decide(router, metrics, request, id);
    Response response =
        Response.redirect(objectUrl(decision.edge(), id, path))
            .header("X-Route-Reason", decision.reasonHeader())
            .header("Cache-Control", "no-store");
    if (!decision.alternates().isEmpty()) {
      response.header(
          "X-Alternate-Edges",
          decision.alternates().stream()
              .map(e -> objectUrl(e, id, path))
              .collect(Collectors.joining(", ")));
    }
    return response;
  }

  /**
   * Routes one request, timed and counted; 503 when no edge is UP. Shared with {@link RouteApi}.
   */
  static RouteDecision decide(
      EdgeRouter router, BrokerMetrics metrics, Request request, String id) {
    RouteRequest route =
        new RouteRequest(id, clientOf(request), SessionIds.of(request), clientSite(request));
    RouteDecision decision =
        metrics.decisionLatency().record(() -> router.route(route)).orElse(null);
    if (decision == null) {
      metrics.noEdge();
      throw new ApiException(
          503, "no_edge", "no edge is up to serve video " + id + "; try again shortly");
    }
    metrics.decided(decision);
    log.atDebug()
        .addKeyValue("event", "route")
        .addKeyValue("videoId", id)
        .addKeyValue("edge", decision.edge().name())
        .addKeyValue("reason", decision.reasonHeader())
        .log("routed {} to {}", id, decision.edge().name());
    return decision;
  }

  private static String clientOf(Request request) {
    return request.remote() == null ? "unknown" : request.remote().getAddress().getHostAddress();
  }

  private static String clientSite(Request request) {
    return request
        .header("X-Client-Site")
        .map(s -> EdgeRegistration.checkName("X-Client-Site", s))
        .orElse(null);
  }

  /**
   * {@code {edge}/videos/{id}/{path}}, each path segment percent-encoded again (they arrive
   * decoded).
   */
  static String objectUrl(Edge edge, String id, String path) {
    StringBuilder url =
        new StringBuilder(edge.url().length() + id.length() + path.length() + 16)
            .append(edge.url())
            .append("/videos/")
            .append(id);
    int start = 0;
    while (true) {
      int slash = path.indexOf('/', start);
      url.append('/');
      appendEncoded(url, slash < 0 ? path.substring(start) : path.substring(start, slash));
      if (slash < 0) return url.toString();
      start = slash + 1;
    }
  }

  /**
   * RFC 3986 §2.3: everything but unreserved characters is escaped, so nothing can change meaning.
   */
  private static void appendEncoded(StringBuilder out, String segment) {
    if (unreserved(segment)) {
      out.append(
          segment); // the usual case (ids, rendition names, seg_00042.m4s): nothing to escape
      return;
    }
    for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if (unreserved(c)) {
        out.append(c);
      } else {
        out.append('%')
            .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
  }

  private static boolean unreserved(String segment) {
    for (int i = 0; i < segment.length(); i++) {
      if (!unreserved(segment.charAt(i))) return false;
    }
    return true;
  }

  private static boolean unreserved(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '.'
        || c == '_'
        || c == '~';
  }
}
