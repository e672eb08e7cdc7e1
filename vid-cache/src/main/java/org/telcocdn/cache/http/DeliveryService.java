package org.telcocdn.cache.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One content provider's service on the edge (SVTA Open Caching's "delivery service"): the requests
 * it takes (by host name, by path prefix, or both), the HTTP/1.1 origin it fills from, how its
 * cache key is made, and whether viewer URLs must be signed. Written in the topology file's {@code
 * deliveryServices:} list and handed to each edge as JSON ({@code edge.delivery-services}).
 *
 * @param hosts {@code Host} names (without port, any case) this service answers; empty = any host
 * @param pathPrefix request paths this service answers, e.g. {@code /shop/}; empty = any path
 * @param origin {@code http://host[:port][/base]}: the origin's path is {@code base} + the
 *     request's
 * @param cacheKey which parts of the URL make the cache key (default: path and whole query)
 * @param signed every request of this service needs an RFC 9246 signed URL, checked with the same
 *     keys as the edge's {@code /videos/} objects; the edge refuses to start with a signed service
 *     and no key set (docs/http-origins.md, "Signed delivery services")
 */
public record DeliveryService(
    String name,
    List<String> hosts,
    String pathPrefix,
    String origin,
    CacheKeyRule cacheKey,
    Boolean signed) {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  public DeliveryService {
    hosts =
        hosts == null ? List.of() : hosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
    pathPrefix = pathPrefix == null ? "" : pathPrefix;
    cacheKey = cacheKey == null ? CacheKeyRule.WHOLE_URL : cacheKey;
    signed = signed != null && signed; // optional in the topology file
    check(name, hosts, pathPrefix, origin);
  }

  /** Fronts {@code origin} for every host and path: the standalone edge ({@code cdn edge}). */
  public static DeliveryService everything(String name, String origin) {
    return new DeliveryService(name, List.of(), "/", origin, null, false);
  }

  /**
   * Which parts of the request URL make the cache key. {@code query}: {@code include} (the whole
   * query, the default) or {@code ignore} (path only, for origins whose query never changes the
   * response); {@code ignoreParams}: query parameters left out of the key (signatures, session
   * ids), so every viewer's URL of one object is one cache entry.
   */
  public record CacheKeyRule(String query, List<String> ignoreParams) {
    public static final CacheKeyRule WHOLE_URL = new CacheKeyRule("include", List.of());

    public CacheKeyRule {
      query = query == null ? "include" : query;
      ignoreParams = ignoreParams == null ? List.of() : List.copyOf(ignoreParams);
      if (!query.equals("include") && !query.equals("ignore")) {
        throw new IllegalArgumentException(
            "cacheKey.query must be include or ignore, was '" + query + "'");
      }
    }
  }

  private static void check(String name, List<String> hosts, String pathPrefix, String origin) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "delivery service name '" + name + "' must match " + NAME.pattern());
    }
    if (!pathPrefix.isEmpty() && !pathPrefix.startsWith("/")) {
      throw new IllegalArgumentException(
          "delivery service " + name + ": pathPrefix must start with /, was '" + pathPrefix + "'");
    }
    if (hosts.isEmpty() && pathPrefix.isEmpty()) {
      throw new IllegalArgumentException(
          "delivery service " + name + " needs hosts, a pathPrefix, or both");
    }
    OriginAddress.parse(name, origin);
  }

  /** Where this service's origin listens. */
  public OriginAddress originAddress() {
    return OriginAddress.parse(name, origin);
  }

  /**
   * Whether this service takes a request for {@code host} (port stripped, lower case) and {@code
   * path}.
   */
  public boolean matches(String host, String path) {
    return (hosts.isEmpty() || hosts.contains(host))
        && (pathPrefix.isEmpty() || path.startsWith(pathPrefix));
  }

  /**
   * The cache key's URL part for a request target ({@code /path?query}), by {@link #cacheKey}: the
   * path as sent (percent-encoding kept, so two spellings of one path are two entries, as in
   * nginx's {@code $request_uri}) and the query as the rule says.
   */
  public String keyOf(String target) {
    int q = target.indexOf('?');
    if (q < 0 || cacheKey.query().equals("ignore")) return q < 0 ? target : target.substring(0, q);
    if (cacheKey.ignoreParams().isEmpty()) return target;
    List<String> kept = new ArrayList<>();
    for (String param : target.substring(q + 1).split("&")) {
      int eq = param.indexOf('=');
      if (!cacheKey.ignoreParams().contains(eq < 0 ? param : param.substring(0, eq)))
        kept.add(param);
    }
    return target.substring(0, q) + (kept.isEmpty() ? "" : "?" + String.join("&", kept));
  }

  /**
   * An origin {@code http://host[:port][/base]}: HTTP/1.1 without TLS (an origin inside the
   * operator's network).
   */
  public record OriginAddress(String host, int port, String basePath) {
    static OriginAddress parse(String service, String origin) {
      if (origin == null || origin.isBlank())
        throw new IllegalArgumentException("delivery service " + service + " needs an origin");
      URI uri;
      try {
        uri = new URI(origin);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException(
            "delivery service "
                + service
                + ": origin '"
                + origin
                + "' is not a URL: "
                + e.getMessage());
      }
      if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
        throw new IllegalArgumentException(
            "delivery service "
                + service
                + ": origin must be http://HOST[:PORT][/PATH], was '"
                + origin
                + "' (https origins are not supported yet)");
      }
      if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
        throw new IllegalArgumentException(
            "delivery service "
                + service
                + ": origin '"
                + origin
                + "' may not have a query or fragment");
      }
      String base = uri.getRawPath() == null ? "" : uri.getRawPath();
      return new OriginAddress(
          uri.getHost(),
          uri.getPort() < 0 ? 80 : uri.getPort(),
          base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
    }

    /** The {@code Host} header sent to the origin. */
    public String hostHeader() {
      return port == 80 ? host : host + ":" + port;
    }

    @Override
    public String toString() {
      return "http://" + hostHeader() + basePath;
    }
  }
}
