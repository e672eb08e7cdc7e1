package org.telcocdn.broker;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.telcocdn.common.http.ApiException;
import org.telcocdn.common.http.HttpServer;
import org.telcocdn.common.http.Request;
import org.telcocdn.common.http.Response;

/**
 * The edges' side of the broker: registration, heartbeats, leaving, and the listing for operators.
 */
final class EdgeApi {
  /** One edge in {@code GET /api/edges}; {@code recentSessions} is the broker's own load count. */
  record EdgeView(
      String name,
      String url,
      String site,
      EdgeState state,
      EdgeLoad load,
      Instant lastHeartbeat,
      Instant upSince,
      int probeMisses,
      long recentSessions,
      boolean overloaded,
      double warmth) {}

  private final EdgeRegistry registry;
  private final SessionLoad sessions;
  private final BrokerConfig config;

  EdgeApi(EdgeRegistry registry, SessionLoad sessions, BrokerConfig config) {
    this.registry = registry;
    this.sessions = sessions;
    this.config = config;
  }

  void routes(HttpServer.Builder server) {
    server
        .post("/api/edges", this::register)
        .get("/api/edges", this::list)
        .post("/api/edges/{name}/heartbeat", this::heartbeat)
        .delete("/api/edges/{name}", this::remove);
  }

  private Response register(Request request) {
    Edge edge = registry.register(request.json(EdgeRegistration.class).validated());
    return Response.ok(
        Map.of(
            "heartbeatIntervalMs", config.heartbeatInterval().toMillis(), "state", edge.state()));
  }

  private Response heartbeat(Request request) {
    String name = EdgeRegistration.checkName("name", request.param("name"));
    EdgeLoad load = request.json(Heartbeat.class).toLoad();
    Edge edge =
        registry
            .heartbeat(name, load)
            .orElseThrow(
                () ->
                    ApiException.notFound(
                        "edge '"
                            + name
                            + "' is not registered; register again with POST /api/edges"));
    return Response.ok(Map.of("state", edge.state()));
  }

  /** Idempotent: an edge shutting down after a broker restart should not see an error. */
  private Response remove(Request request) {
    registry.remove(EdgeRegistration.checkName("name", request.param("name")));
    return Response.noContent();
  }

  private Response list(Request request) {
    Map<String, Long> counts = sessions.counts();
    List<EdgeView> views =
        registry.edges().stream()
            .map(
                e ->
                    new EdgeView(
                        e.name(),
                        e.url(),
                        e.site(),
                        e.state(),
                        e.load(),
                        e.lastHeartbeat(),
                        e.upSince(),
                        e.probeMisses(),
                        counts.getOrDefault(e.name(), 0L),
                        config.balancing().overloaded(e.load()),
                        e.warmth(registry.clock().instant(), config.balancing().warmUp())))
            .toList();
    return Response.ok(Map.of("edges", views));
  }
}
