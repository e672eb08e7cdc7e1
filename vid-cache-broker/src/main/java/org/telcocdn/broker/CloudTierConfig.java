package org.telcocdn.broker;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.telcocdn.common.config.ConfigException;
import org.telcocdn.common.config.Settings;

/**
 * Where a saturated site's new sessions go (docs/continuum.md, "Overflow to the cloud tier"): the
 * cloud tier's caches at their viewer listeners ({@code broker.cloud-tier}, {@code name=URL,...};
 * empty = no overflow, as before), the site they run in ({@code broker.cloud-tier-site}, what the
 * route JSON names), and how long a site must stay unsaturated before its new sessions come back
 * ({@code broker.overflow.recover-after}): the hysteresis that keeps a site at the edge of its
 * capacity from sending every other session across the core link.
 */
public record CloudTierConfig(List<Edge> caches, String site, Duration recoverAfter) {
  static final String KEY = "broker.cloud-tier";

  public CloudTierConfig {
    caches = List.copyOf(caches);
  }

  public static CloudTierConfig from(Settings s) {
    String site = s.string("broker.cloud-tier-site", "cloud");
    Duration recoverAfter = s.duration("broker.overflow.recover-after", Duration.ofSeconds(10));
    return new CloudTierConfig(parse(s.string(KEY, ""), site), site, recoverAfter);
  }

  public static CloudTierConfig none() {
    return new CloudTierConfig(List.of(), "cloud", Duration.ofSeconds(10));
  }

  public boolean enabled() {
    return !caches.isEmpty();
  }

  /** {@code name=http(s)://host:port,...}: a cache's viewer listener, where players are sent. */
  private static List<Edge> parse(String spec, String site) {
    List<Edge> caches = new ArrayList<>();
    for (String entry : spec.split(",")) {
      if (entry.isBlank()) continue;
      int eq = entry.indexOf('=');
      if (eq <= 0)
        throw new ConfigException(
            KEY + " must be name=http(s)://host:port,..., was '" + spec + "'");
      String url = viewerUrl(entry.substring(eq + 1).strip());
      caches.add(CloudOverflow.asEdge(entry.substring(0, eq).strip(), url, site));
    }
    if (caches.stream().map(Edge::name).distinct().count() < caches.size())
      throw new ConfigException(KEY + " names a cache twice: '" + spec + "'");
    return caches;
  }

  private static String viewerUrl(String value) {
    try {
      URI uri = URI.create(value);
      if (("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
          && uri.getHost() != null
          && uri.getPort() > 0
          && (uri.getRawPath() == null || uri.getRawPath().isEmpty())) return value;
    } catch (IllegalArgumentException e) {
      // reported below with the rule
    }
    throw new ConfigException(
        KEY + ": a cache's URL is its viewer listener, http(s)://host:port, was '" + value + "'");
  }
}
