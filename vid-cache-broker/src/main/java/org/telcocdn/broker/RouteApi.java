package org.telcocdn.broker;

import java.util.LinkedHashMap;
import java.util.Map;
import org.telcocdn.common.http.HttpServer;
import org.telcocdn.common.http.Request;
import org.telcocdn.common.http.Response;
import org.telcocdn.common.video.VideoId;

/**
 * {@code GET /api/route/{id}}: the same decision as {@code /play}, as JSON. A browser cannot read
 * the headers of a redirect it followed, so a player that wants the alternates (to fail over on its
 * own) asks here, then loads from the edge directly. Calling it again with the same {@code sid}
 * keeps the session alive and sticky, and moves it only if its edge went DOWN, DRAINING or
 * overloaded.
 */
final class RouteApi {
  /** One edge in the answer: where to load the master playlist from. */
  record EdgeRef(String name, String site, String url, String masterUrl) {}

  private final EdgeRouter router;
  private final BrokerMetrics metrics;

  RouteApi(EdgeRouter router, BrokerMetrics metrics) {
    this.router = router;
    this.metrics = metrics;
  }

  void routes(HttpServer.Builder server) {
    server.getNonBlocking("/api/route/{id}", this::route);
  }

  private Response route(Request request) {
    String id = VideoId.require("video id", request.param("id"));
    RouteDecision d = PlayApi.decide(router, metrics, request, id);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("videoId", id);
    body.put("edge", ref(d.edge(), id));
    body.put("alternates", d.alternates().stream().map(e -> ref(e, id)).toList());
    body.put("reason", d.reasonHeader());
    body.put("session", d.session());
    return Response.ok(body).header("Cache-Control", "no-store");
  }

  private static EdgeRef ref(Edge e, String id) {
    return new EdgeRef(e.name(), e.site(), e.url(), PlayApi.objectUrl(e, id, "master.m3u8"));
  }
}
