package org.telcocdn.cache.http;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The edge's delivery services, and which one takes a request: a service naming the request's host
 * before one that takes any host, then the longest path prefix. Matched once per request, with no
 * allocation beyond the host's lower-casing.
 */
public final class DeliveryServices {
  private final List<DeliveryService> ordered;

  public DeliveryServices(List<DeliveryService> services) {
    this.ordered =
        services.stream()
            .sorted(
                Comparator.comparing((DeliveryService s) -> s.hosts().isEmpty())
                    .thenComparing(s -> -s.pathPrefix().length()))
            .toList();
    long names = services.stream().map(DeliveryService::name).distinct().count();
    if (names != services.size())
      throw new IllegalArgumentException("delivery service names must be unique: " + services);
  }

  public boolean isEmpty() {
    return ordered.isEmpty();
  }

  /**
   * The service for a request with {@code Host} header {@code host} (may be null) and {@code path}.
   */
  public Optional<DeliveryService> match(String host, String path) {
    String name = hostName(host);
    for (DeliveryService s : ordered) {
      if (s.matches(name, path)) return Optional.of(s);
    }
    return Optional.empty();
  }

  /**
   * {@code Host} without its port, lower case; "" when absent. IPv6 literals keep their brackets.
   */
  public static String hostName(String host) {
    if (host == null) return "";
    int colon = host.lastIndexOf(':');
    String name = colon > host.lastIndexOf(']') ? host.substring(0, colon) : host;
    return name.toLowerCase(Locale.ROOT);
  }

  public List<DeliveryService> all() {
    return ordered;
  }
}
