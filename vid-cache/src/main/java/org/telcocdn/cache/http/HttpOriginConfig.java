package org.telcocdn.cache.http;

import java.time.Duration;
import java.util.List;

/**
 * How the edge fronts HTTP origins (docs/http-origins.md; keys in docs/configuration.md,
 * "vid-cache"): the delivery services, and the limits of the origin client and of what is cached.
 *
 * @param services requests matching one of these go to its HTTP origin; empty = vid-raw only
 * @param connectTimeout a TCP connect to an origin that takes longer fails (a miss answers 502)
 * @param readTimeout no byte from the origin for this long, while one is awaited, fails the request
 * @param keepAlive an idle pooled connection is closed after this (or the origin's own {@code
 *     Keep-Alive: timeout}, when shorter)
 * @param maxIdle idle connections kept per origin and event loop; more are closed
 * @param maxHeaderBytes a response head from an origin larger than this is refused (502)
 * @param sliceBytes large objects are filled and stored in blocks of this many bytes by Range
 *     requests (nginx's slice module); 0 fetches and stores every object whole
 * @param maxUnsizedBytes a response without Content-Length is stored only if it ends within this
 * @param maxSharedBytes a fill of a response larger than this (an origin without Range support) is
 *     not joined by later requests, so its bytes need not be held in memory for them
 * @param staleOnError how long past its freshness a stored response may still be served when the
 *     origin cannot be reached (RFC 9111 §4.2.4 "disconnected"), unless its directives forbid it
 * @param heuristicMax cap on heuristic freshness (10 % of the time since Last-Modified)
 */
public record HttpOriginConfig(
    List<DeliveryService> services,
    Duration connectTimeout,
    Duration readTimeout,
    Duration keepAlive,
    int maxIdle,
    int maxHeaderBytes,
    long sliceBytes,
    long maxUnsizedBytes,
    long maxSharedBytes,
    Duration staleOnError,
    Duration heuristicMax) {

  public HttpOriginConfig {
    services = List.copyOf(services);
  }

  /** Defaults as documented, with {@code services}: for tests and the standalone edge. */
  public static HttpOriginConfig defaults(List<DeliveryService> services) {
    return new HttpOriginConfig(
        services,
        Duration.ofSeconds(2),
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        32,
        64 * 1024,
        1L << 20,
        16L << 20,
        16L << 20,
        Duration.ofHours(1),
        Duration.ofDays(1));
  }

  public boolean enabled() {
    return !services.isEmpty();
  }
}
