package org.telcocdn.broker;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.telcocdn.common.http.Access;
import org.telcocdn.common.http.ApiException;
import org.telcocdn.common.http.HttpServer;
import org.telcocdn.common.http.Request;
import org.telcocdn.common.http.Response;
import org.telcocdn.security.Caller;
import org.telcocdn.security.OperatorRole;
import org.telcocdn.security.ServiceIdentity;
import org.telcocdn.security.ServiceRoles;

/**
 * The edges' side of the broker: registration, heartbeats, leaving, and the listing for operators,
 * the controller and the site peers. An edge acts only as itself: the name (and, when registering,
 * the site) in the request must be the ones of its certificate ({@code spiffe://telcocdn/vid-cache/
 * SITE/NAME}), so edge-2 cannot register, heartbeat, drain or delete as edge-1. An admin may delete
 * any edge's record (one that died without leaving).
 */
final class EdgeApi {
  /** One edge in {@code GET /api/edges}; {@code recentSessions} is the broker's own load count. */
  record EdgeView(
      String name,
      String url,
      String controlUrl,
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
        .post("/api/edges", Access.services(ServiceRoles.EDGE), this::register)
        .get(
            "/api/edges",
            Access.control(OperatorRole.READONLY, ServiceRoles.EDGE, ServiceRoles.CONTROLLER),
            this::list)
        .post("/api/edges/{name}/heartbeat", Access.services(ServiceRoles.EDGE), this::heartbeat)
        .delete(
            "/api/edges/{name}",
            Access.control(OperatorRole.ADMIN, ServiceRoles.EDGE),
            this::remove);
  }

  private Response register(Request request) {
    EdgeRegistration registration = request.json(EdgeRegistration.class).validated();
    ServiceIdentity edge = actingAs(request, registration.name());
    if (!edge.site().equals(registration.site())) {
      throw ApiException.forbidden(
          edge.uri()
              + " belongs to site "
              + edge.site()
              + " and may not register in site "
              + registration.site());
    }
    Edge registered = registry.register(registration);
    return Response.ok(
        Map.of(
            "heartbeatIntervalMs",
            config.heartbeatInterval().toMillis(),
            "state",
            registered.state()));
  }

  private Response heartbeat(Request request) {
    String name = EdgeRegistration.checkName("name", request.param("name"));
    actingAs(request, name);
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
    String name = EdgeRegistration.checkName("name", request.param("name"));
    if (!(request.caller() instanceof Caller.OperatorCall)) actingAs(request, name);
    registry.remove(name);
    return Response.noContent();
  }

  /** The calling edge's identity, which must carry {@code name}; 403 otherwise. */
  private static ServiceIdentity actingAs(Request request, String name) {
    ServiceIdentity caller =
        request
            .caller()
            .service()
            .orElseThrow(() -> ApiException.forbidden("only an edge may act for an edge"));
    if (!caller.name().equals(name))
      throw ApiException.forbidden(caller.uri() + " may not act as edge '" + name + "'");
    return caller;
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
                        e.controlUrl(),
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
