package org.telcocdn.cache.serving;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.AsciiString;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.telcocdn.cache.metrics.CacheOutcome;
import org.telcocdn.cache.metrics.EdgeMetrics;
import org.telcocdn.cache.storage.Tiers;
import org.telcocdn.common.http.ApiException;
import org.telcocdn.common.http.Handler;
import org.telcocdn.common.http.Health;
import org.telcocdn.common.http.Request;
import org.telcocdn.common.http.Response;
import org.telcocdn.common.http.Router;

/**
 * Which handler answers a request. Object requests ({@code GET|HEAD /videos/...}), the data plane,
 * go to {@link ObjectService} before the router is asked: a hit then costs one string comparison
 * here and allocates what it always did, while the router's match would add a match and a parameter
 * map per request. Everything else (health, metrics, the {@link InternalApi}, a peer's
 * only-if-cached fill) is matched by common's {@link Router}, with the same 404 and 405 (with
 * {@code Allow}) answers as every other service; those handlers answer a {@link Response} held in
 * memory, except {@link Streaming} ones, which answer through the {@link Exchange} as objects do.
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
    /** {@code segments}: the whole request path, decoded and checked. */
    void serve(Exchange exchange, List<String> segments);

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
  private final Router router = new Router();

  /** Null when the edge fronts no HTTP origin. */
  private final HttpProxy http;

  public EdgeRoutes(
      String name,
      ObjectService objects,
      InternalApi internal,
      EdgeMetrics metrics,
      Tiers tiers,
      BooleanSupplier draining,
      BooleanSupplier duress) {
    this(name, objects, internal, metrics, tiers, draining, duress, null);
  }

  /** With {@code http} answering the requests its delivery services take (null: none). */
  public EdgeRoutes(
      String name,
      ObjectService objects,
      InternalApi internal,
      EdgeMetrics metrics,
      Tiers tiers,
      BooleanSupplier draining,
      BooleanSupplier duress,
      HttpProxy http) {
    this.http = http;
    this.name = name;
    this.servedBy = AsciiString.of(name);
    this.objects = objects;
    this.metrics = metrics;
    this.tiers = tiers;
    this.draining = draining;
    this.duress = duress;
    // Listed for the router's 405s; served before the router is asked (see route()).
    router.add(new Router.Route("GET", "/videos/{path...}", (Streaming) this::serveObject, false));
    router.add(new Router.Route("GET", "/health", request -> health().response(SERVICE), false));
    router.add(
        new Router.Route(
            "GET", "/metrics", request -> Response.prometheus(metrics.registry()), false));
    internal.routes(router);
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
   * Hands the request to the HTTP origin of the delivery service that takes it, before its path is
   * split and checked as the edge's own paths are: a path is the origin's to judge. The edge's own
   * paths ({@code /health}, {@code /metrics}, {@code /internal/...}) are never an origin's. False
   * when no service takes it.
   */
  boolean proxied(Exchange exchange, byte[] body) {
    if (http == null) return false;
    String uri = exchange.request().uri();
    int query = uri.indexOf('?');
    String path = query < 0 ? uri : uri.substring(0, query);
    if (path.equals("/health") || path.equals("/metrics") || path.startsWith("/internal/"))
      return false;
    var service = http.match(exchange.request(), path);
    if (service.isEmpty()) return false;
    http.serve(exchange, service.get(), body);
    return true;
  }

  void route(Exchange exchange, List<String> segments, byte[] body) {
    String method = exchange.request().method().name();
    if (method.equals("OPTIONS")) {
      exchange.full(204, null, NO_BODY, CacheOutcome.CONTROL);
    } else if (isObject(method, segments)) {
      serveObject(exchange, segments);
    } else {
      dispatch(exchange, method, segments, body);
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

  private void dispatch(Exchange exchange, String method, List<String> segments, byte[] body) {
    Router.Match match = router.match(method, segments);
    if (!match.found()) {
      exchange.respond(unmatched(method, segments, match));
    } else if (match.route().handler() instanceof Streaming streaming) {
      streaming.serve(exchange, segments);
    } else {
      exchange.respond(handle(match, request(exchange, method, segments, match, body)));
    }
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

  private static Response handle(Router.Match match, Request request) {
    try {
      return match.route().handler().handle(request);
    } catch (RuntimeException e) {
      throw e; // ApiException answers with its status; anything else is a 500 (EdgeHandler)
    } catch (Exception e) {
      throw new IllegalStateException(request.method() + " " + request.path() + " failed", e);
    }
  }

  private static Request request(
      Exchange exchange, String method, List<String> segments, Router.Match match, byte[] body) {
    return new Request(
        method,
        "/" + String.join("/", segments),
        match.params(),
        new QueryStringDecoder(exchange.request().uri()).parameters(),
        exchange.request().headers(),
        body,
        null,
        (InetSocketAddress) exchange.remote());
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
