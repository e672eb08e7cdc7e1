package org.telcocdn.cache.serving;

import io.micrometer.core.instrument.FunctionCounter;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.cache.fill.Fills;
import org.telcocdn.cache.http.DeliveryService;
import org.telcocdn.cache.http.DeliveryServices;
import org.telcocdn.cache.http.HttpKeys;
import org.telcocdn.cache.http.HttpOriginConfig;
import org.telcocdn.cache.http.HttpSource;
import org.telcocdn.cache.http.Invalidations;
import org.telcocdn.cache.http.OriginClient;
import org.telcocdn.cache.http.OriginRequests;
import org.telcocdn.cache.http.ResponseRules;
import org.telcocdn.cache.http.StoredCopy;
import org.telcocdn.cache.http.VaryIndex;
import org.telcocdn.cache.metrics.CacheOutcome;
import org.telcocdn.cache.metrics.EdgeMetrics;
import org.telcocdn.cache.storage.CacheKey;
import org.telcocdn.cache.storage.DiskTier;
import org.telcocdn.cache.storage.HttpMeta;
import org.telcocdn.cache.storage.MemoryTier;
import org.telcocdn.cache.storage.ObjectMeta;
import org.telcocdn.cache.storage.Tiers;

/**
 * The edge in front of HTTP origins (docs/http-origins.md): a request that a delivery service takes
 * is answered here. {@code GET} and {@code HEAD} go through the cache ({@link HttpDelivery}); every
 * other method passes to the origin ({@link PassThrough}), and a non-error answer to an unsafe one
 * invalidates what is stored of its URL. A request that already passed through this edge (its own
 * name in {@code Via}) is refused with 508 rather than sent round again.
 */
public final class HttpProxy {
  private static final Logger log = LoggerFactory.getLogger(HttpProxy.class);

  private final DeliveryServices services;
  private final HttpSource.Context context;
  private final Tiers tiers;
  private final Fills fills;
  private final Invalidations invalidations;

  public HttpProxy(
      DeliveryServices services,
      HttpSource.Context context,
      Tiers tiers,
      Fills fills,
      Invalidations invalidations) {
    this.services = services;
    this.context = context;
    this.tiers = tiers;
    this.fills = fills;
    this.invalidations = invalidations;
  }

  /**
   * URLs whose Vary fields are remembered; beyond that an URL's variants are found again by a miss.
   */
  private static final long VARY_URLS = 100_000;

  /**
   * The HTTP origins' side of an edge (docs/http-origins.md): the origin client on the edge's event
   * loops, the RFC 9111 rules, what stored objects vary on (learned from the disk tier), and
   * invalidations, swept on the commit executor.
   */
  public static HttpProxy assemble(
      HttpOriginConfig h,
      String edgeName,
      Tiers tiers,
      Fills fills,
      EdgeMetrics metrics,
      ExecutorService diskExecutor,
      ExecutorService commitExecutor) {
    VaryIndex vary = new VaryIndex(VARY_URLS);
    vary.learnAll(tiers.disk().committed());
    OriginClient client = new OriginClient(h, metrics);
    FunctionCounter.builder(
            "edge_origin_connections_opened", client, OriginClient::connectionsOpened)
        .description("connections opened to delivery services' HTTP origins, over every loop")
        .register(metrics.registry());
    HttpSource.Context context =
        new HttpSource.Context(
            client,
            new ResponseRules(h, edgeName),
            h,
            vary,
            metrics,
            diskExecutor,
            ByteBufAllocator.DEFAULT);
    h.services()
        .forEach(
            s ->
                log.info(
                    "edge {}: delivery service {} (hosts {}, path prefix '{}') from {}",
                    edgeName,
                    s.name(),
                    s.hosts(),
                    s.pathPrefix(),
                    s.originAddress()));
    return new HttpProxy(
        new DeliveryServices(h.services()),
        context,
        tiers,
        fills,
        new Invalidations(tiers, fills, commitExecutor));
  }

  Optional<DeliveryService> match(HttpRequest request, String path) {
    return services.match(request.headers().get("Host"), path);
  }

  void serve(Exchange exchange, DeliveryService service, byte[] body) {
    HttpRequest request = exchange.request();
    if (OriginRequests.looped(request.headers(), self())) {
      metrics().outcome(CacheOutcome.REJECTED);
      exchange.error(
          508,
          "loop_detected",
          "this request has passed through "
              + self()
              + " before (Via): "
              + "the origin of delivery service "
              + service.name()
              + " leads back to this edge",
          CacheOutcome.REJECTED);
      return;
    }
    HttpMethod method = request.method();
    if (method.equals(HttpMethod.GET) || method.equals(HttpMethod.HEAD)) {
      new HttpDelivery(this, exchange, service).start();
    } else {
      pass(exchange, service, body);
    }
  }

  /** Straight to the origin and back, nothing stored. */
  void pass(Exchange exchange, DeliveryService service, byte[] body) {
    new PassThrough(this, exchange, service, body).start();
  }

  String self() {
    return context.rules().self();
  }

  EdgeMetrics metrics() {
    return context.metrics();
  }

  HttpSource.Context context() {
    return context;
  }

  Fills fills() {
    return fills;
  }

  long sliceBytes() {
    return context.config().sliceBytes();
  }

  OriginRequests.Viewer viewer(Exchange exchange) {
    String address =
        exchange.remote() instanceof InetSocketAddress a && a.getAddress() != null
            ? a.getAddress().getHostAddress()
            : null;
    return new OriginRequests.Viewer(exchange.request(), address);
  }

  /** The URL key of a request: the service's cache key rules applied to its target. */
  CacheKey urlKey(DeliveryService service, HttpRequest request) {
    return HttpKeys.of(service, service.keyOf(request.uri()));
  }

  /**
   * The key path of the request's variant of {@code url}: the URL's, plus the values its known Vary
   * fields select.
   */
  String variant(CacheKey url, HttpRequest request) {
    List<String> names = context.vary().of(url);
    return names == null
        ? url.path()
        : HttpKeys.variant(url.path(), HttpKeys.selecting(names, request.headers()));
  }

  /**
   * The stored part under {@code key}, if it is there, still valid (not invalidated, the request's
   * variant) and holds byte {@code at}; held open for the caller, who closes it.
   */
  StoredCopy stored(CacheKey url, CacheKey key, HttpRequest request, long at) {
    StoredCopy copy = find(key);
    if (copy == null) return null;
    ObjectMeta meta = copy.meta();
    if (meta.http() == null
        || invalidations.invalidated(url, meta)
        || !selectsRequest(meta.http(), request)
        || !covers(meta, at)) {
      copy.close();
      return null;
    }
    return copy;
  }

  private StoredCopy find(CacheKey key) {
    Optional<MemoryTier.Entry> inMemory = tiers.memory().lookup(key);
    if (inMemory.isPresent()) {
      Optional<StoredCopy> held = StoredCopy.of(inMemory.get());
      if (held.isPresent()) return held.get();
    }
    Optional<DiskTier.Entry> onDisk = tiers.disk().lookup(key);
    return onDisk.map(StoredCopy::of).orElse(null);
  }

  /** RFC 9111 §4.1: the stored response's Vary fields have the request's values. */
  static boolean selectsRequest(HttpMeta http, HttpRequest request) {
    List<String> names = ResponseRules.varyNames(http.headers());
    if (names.isEmpty()) return true;
    if (names.contains("*") || http.selecting() == null) return false;
    return HttpKeys.selecting(names, request.headers()).equals(http.selecting());
  }

  static boolean covers(ObjectMeta meta, long at) {
    long offset = meta.http().offset();
    return at >= offset && (at < offset + meta.size() || meta.size() == 0 && at == offset);
  }

  /** Drops every stored part of {@code url} (its representation changed under the edge). */
  void invalidateUrl(CacheKey url) {
    invalidations.invalidate(url);
  }

  /**
   * RFC 9111 §4.4: a non-error answer to an unsafe method invalidates the URL and those it names,
   * on the same service.
   */
  void invalidate(DeliveryService service, HttpRequest request, List<String> named) {
    invalidations.invalidate(urlKey(service, request));
    for (String location : named) {
      String target = sameOrigin(location, request);
      if (target != null
          && service.matches(DeliveryServices.hostName(request.headers().get("Host")), target)) {
        invalidations.invalidate(HttpKeys.of(service, service.keyOf(target)));
      }
    }
    log.debug("{} {} invalidated its URL and {}", request.method(), request.uri(), named);
  }

  /**
   * The path of {@code location} if it names this request's host (absolute, or relative to the
   * request); else null.
   */
  private static String sameOrigin(String location, HttpRequest request) {
    try {
      java.net.URI base =
          java.net.URI.create(
              "http://" + request.headers().get("Host", "localhost") + request.uri());
      java.net.URI resolved = base.resolve(location.strip());
      if (resolved.getHost() == null
          || !resolved.getHost().equalsIgnoreCase(base.getHost())
          || resolved.getPort() != base.getPort()) return null;
      String path =
          resolved.getRawPath() == null || resolved.getRawPath().isEmpty()
              ? "/"
              : resolved.getRawPath();
      return resolved.getRawQuery() == null ? path : path + "?" + resolved.getRawQuery();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
