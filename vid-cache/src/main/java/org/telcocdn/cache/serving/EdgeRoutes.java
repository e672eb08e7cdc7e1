package org.telcocdn.cache.serving;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.AsciiString;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.telcocdn.cache.metrics.CacheOutcome;
import org.telcocdn.cache.metrics.EdgeMetrics;
import org.telcocdn.cache.storage.Tiers;
import org.telcocdn.common.http.Access;
import org.telcocdn.common.http.ApiException;
import org.telcocdn.common.http.Handler;
import org.telcocdn.common.http.Health;
import org.telcocdn.common.http.Listener;
import org.telcocdn.common.http.Request;
import org.telcocdn.common.http.Response;
import org.telcocdn.common.http.Router;
import org.telcocdn.common.http.UriSigningPackage;
import org.telcocdn.common.security.Gatekeeper;
import org.telcocdn.security.Caller;
import org.telcocdn.security.OperatorRole;

/**
 * Which handler answers a request, on either of the edge's listeners. On the viewer listener,
 * object requests ({@code GET|HEAD /videos/...}), the data plane, go to {@link ObjectService}
 * before the router is asked: a hit then costs one string comparison here and allocates what it
 * always did, while the router's match would add a match and a parameter map per request.
 * Everything else (health; on the control listener metrics, the {@link InternalApi}, a peer's
 * only-if-cached fill) is matched by common's {@link Router} among the routes of that listener,
 * with the same 404 and 405 (with {@code Allow}) answers as every other service; on the control
 * listener the caller is checked by the {@link Gatekeeper} first and state-changing calls are
 * audited. Those handlers answer a {@link Response} held in memory, except {@link Streaming} ones,
 * which answer through the {@link Exchange} as objects do.
 */
public final class EdgeRoutes {
  private static final String SERVICE = "vid-cache";
  private static final byte[] NO_BODY = new byte[0];

  /**
   * A route answered through the exchange (a body streamed or sent from a file), not as a {@link
   * Response}.
   */
  @FunctionalInterface
  interface Streaming extends Handler {
    /** {@code segments}: the whole request path, decoded and checked; {@code caller}: who asked. */
    void serve(Exchange exchange, List<String> segments, Caller caller);

    @Override
    default Response handle(Request request) {
      throw new UnsupportedOperationException("answered through the exchange");
    }
  }

  private final String name;
  private final AsciiString servedBy;
  private final ObjectService objects;
  private final EdgeMetrics metrics;
  private final Tiers tiers;
  private final BooleanSupplier draining;
  private final BooleanSupplier duress;
  private final Gatekeeper gatekeeper;
  private final ViewerAccess access;
  private final Router router = new Router();

  /** Null when the edge fronts no HTTP origin. */
  private final HttpProxy http;

  /** {@code access}: the signed-URL check of object requests on the viewer listener (RFC 9246). */
  public EdgeRoutes(
      String name,
      ObjectService objects,
      InternalApi internal,
      EdgeMetrics metrics,
      Tiers tiers,
      BooleanSupplier draining,
      BooleanSupplier duress,
      Gatekeeper gatekeeper,
      ViewerAccess access) {
    this(name, objects, internal, metrics, tiers, draining, duress, gatekeeper, access, null);
  }

  /** With {@code http} answering the viewer requests its delivery services take (null: none). */
  public EdgeRoutes(
      String name,
      ObjectService objects,
      InternalApi internal,
      EdgeMetrics metrics,
      Tiers tiers,
      BooleanSupplier draining,
      BooleanSupplier duress,
      Gatekeeper gatekeeper,
      ViewerAccess access,
      HttpProxy http) {
    this.access = access;
    this.http = http;
    this.name = name;
    this.servedBy = AsciiString.of(name);
    this.objects = objects;
    this.metrics = metrics;
    this.tiers = tiers;
    this.draining = draining;
    this.duress = duress;
    this.gatekeeper = gatekeeper;
    // Listed for the router's 405s and the route listing; served before the router is asked (see
    // route()).
    router.add(
        new Router.Route(
            "GET",
            "/videos/{path...}",
            Access.viewer(),
            (Streaming) (e, s, c) -> serveObject(e, s)));
    router.add(
        new Router.Route(
            "GET",
            "/health",
            Access.viewer(),
            request -> Health.brief(health()).response(SERVICE)));
    router.add(
        new Router.Route(
            "GET",
            "/health",
            Access.openControl(),
            request ->
                (request.caller().authenticated() ? health() : Health.brief(health()))
                    .response(SERVICE)));
    router.add(
        new Router.Route(
            "GET",
            "/metrics",
            Access.control(OperatorRole.READONLY, Access.ANY_SERVICE),
            request -> Response.prometheus(metrics.registry())));
    internal.routes(router);
  }

  /** Every route of both listeners, with its access. */
  public List<Router.Route> routes() {
    return router.routes();
  }

  String name() {
    return name;
  }

  /** The name as sent in {@code X-Served-By} on every response, converted once. */
  AsciiString servedBy() {
    return servedBy;
  }

  EdgeMetrics metrics() {
    return metrics;
  }

  boolean draining() {
    return draining.getAsBoolean();
  }

  /** Overloaded or leaving: players should be told to move (CMSD {@code du}). */
  boolean duress() {
    return duress.getAsBoolean() || draining.getAsBoolean();
  }

  /**
   * Hands a viewer request to the HTTP origin of the delivery service that takes it, before its
   * path is split and checked as the edge's own paths are: a path is the origin's to judge. The
   * edge's own paths ({@code /health}, {@code /metrics}, {@code /internal/...}) are never an
   * origin's, and the control listener never proxies. False when no service takes it.
   *
   * <p>Services are matched by the path without a URI Signing Package. A signed service's request
   * is checked as an object's is ({@link ViewerAccess}) and then goes on without its package, so
   * neither the cache key nor the origin sees the token; an unsigned service's goes on as sent.
   */
  boolean proxied(Exchange exchange, byte[] body) {
    if (http == null) return false;
    UriSigningPackage signed = UriSigningPackage.find(exchange.request().uri());
    String uri = signed.uri();
    int query = uri.indexOf('?');
    String path = query < 0 ? uri : uri.substring(0, query);
    if (path.equals("/health") || path.equals("/metrics") || path.startsWith("/internal/"))
      return false;
    var service = http.match(exchange.request(), path);
    if (service.isEmpty()) return false;
    if (service.get().signed()) {
      if (!access.admitSigned(exchange, signed, service.get().name())) return true;
      exchange.request().setUri(uri);
    }
    http.serve(exchange, service.get(), body);
    return true;
  }

  /**
   * {@code signed}: the request URI's token, and the URI without it that {@code segments} come
   * from.
   */
  void route(
      Listener listener,
      Exchange exchange,
      List<String> segments,
      byte[] body,
      UriSigningPackage signed) {
    String method = exchange.request().method().name();
    if (listener == Listener.VIEWER && method.equals("OPTIONS")) {
      exchange.full(204, null, NO_BODY, CacheOutcome.CONTROL);
    } else if (listener == Listener.VIEWER && isObject(method, segments)) {
      if (access.admit(exchange, signed)) serveObject(exchange, segments);
    } else {
      dispatch(listener, exchange, method, segments, body);
    }
  }

  /**
   * The data plane's check: no allocation, nothing but the first segment and the method looked at.
   */
  private static boolean isObject(String method, List<String> segments) {
    return !segments.isEmpty()
        && segments.getFirst().equals("videos")
        && (method.equals("GET") || method.equals("HEAD"));
  }

  private void serveObject(Exchange exchange, List<String> segments) {
    objects.serve(exchange, segments.subList(1, segments.size()));
  }

  private void dispatch(
      Listener listener, Exchange exchange, String method, List<String> segments, byte[] body) {
    Router.Match match = router.match(listener, method, segments);
    if (!match.found()) {
      exchange.respond(unmatched(method, segments, match));
      return;
    }
    Gatekeeper.Admission admission =
        listener == Listener.CONTROL
            ? gatekeeper.admit(
                match.route().access(),
                exchange.tlsSession(),
                exchange.request().headers().get(HttpHeaderNames.AUTHORIZATION))
            : null;
    Caller caller = admission == null ? Caller.ANONYMOUS : admission.caller();
    if (admission != null && !admission.admitted()) {
      ApiException e = admission.refusal();
      audit(admission, match, exchange, body, e.status());
      exchange.respond(Response.error(e.status(), e.error(), e.getMessage()));
    } else if (match.route().handler() instanceof Streaming streaming) {
      streaming.serve(exchange, segments, caller);
    } else {
      Response response =
          handle(
              match,
              request(exchange, method, segments, match, body, caller),
              admission,
              exchange,
              body);
      exchange.respond(response);
    }
  }

  private Response handle(
      Router.Match match,
      Request request,
      Gatekeeper.Admission admission,
      Exchange exchange,
      byte[] body) {
    try {
      Response response = match.route().handler().handle(request);
      audit(admission, match, exchange, body, response.status());
      return response;
    } catch (ApiException e) {
      audit(admission, match, exchange, body, e.status());
      throw e; // answered with its status (EdgeHandler)
    } catch (RuntimeException e) {
      audit(admission, match, exchange, body, 500);
      throw e; // a 500 (EdgeHandler)
    } catch (Exception e) {
      audit(admission, match, exchange, body, 500);
      throw new IllegalStateException(request.method() + " " + request.path() + " failed", e);
    }
  }

  private void audit(
      Gatekeeper.Admission admission,
      Router.Match match,
      Exchange exchange,
      byte[] body,
      int status) {
    if (admission == null) return;
    gatekeeper.audit(
        admission,
        match.route(),
        match.params(),
        new QueryStringDecoder(exchange.request().uri()).parameters(),
        body,
        status);
  }

  private static Response unmatched(String method, List<String> segments, Router.Match match) {
    String path = "/" + String.join("/", segments);
    if (match.allowed().isEmpty())
      throw ApiException.notFound("no route for " + method + " " + path);
    return Response.error(
            405,
            "method_not_allowed",
            method + " is not allowed on " + path + "; allowed: " + match.allowed())
        .header("Allow", String.join(", ", match.allowed()));
  }

  private static Request request(
      Exchange exchange,
      String method,
      List<String> segments,
      Router.Match match,
      byte[] body,
      Caller caller) {
    return new Request(
        method,
        "/" + String.join("/", segments),
        match.params(),
        new QueryStringDecoder(exchange.request().uri()).parameters(),
        exchange.request().headers(),
        body,
        null,
        (InetSocketAddress) exchange.remote(),
        caller);
  }

  private Health health() {
    boolean up = !draining.getAsBoolean();
    return new Health(
        up ? "UP" : "DOWN", Map.of("diskUsedBytes", tiers.disk().usedBytes(), "draining", !up));
  }

  void failed(Exchange exchange, ApiException e) {
    if (e.status() == 400) metrics.outcome(CacheOutcome.REJECTED);
    exchange.error(e.status(), e.error(), e.getMessage(), CacheOutcome.REJECTED);
  }

  void badRequest(Exchange exchange, String message) {
    objects.reject(exchange, message);
  }
}
