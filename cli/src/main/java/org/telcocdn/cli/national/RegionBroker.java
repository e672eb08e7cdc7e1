package org.telcocdn.cli.national;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.telcocdn.broker.BrokerConfig;
import org.telcocdn.broker.EdgeRegistration;
import org.telcocdn.broker.EdgeRegistry;
import org.telcocdn.broker.EdgeRouter;
import org.telcocdn.broker.RouteDecision;
import org.telcocdn.broker.RouteRequest;
import org.telcocdn.broker.SessionLoad;
import org.telcocdn.cli.national.NationalNetwork.EdgeSite;
import org.telcocdn.cli.national.NationalNetwork.Region;
import org.telcocdn.cli.national.NationalNetwork.Viewers;
import org.telcocdn.cli.network.SiteNetwork;
import org.telcocdn.common.config.Settings;

/**
 * The broker's own routing, without its HTTP server: the real {@link EdgeRouter} over a registry of
 * the region's edge caches, with coverage zones from the client groups' subnets (each to its edge
 * site, as the topology says) and each edge site's three nearest neighbour sites by delay through
 * their shared regional site. Configured through {@link BrokerConfig#from}, as the service is.
 *
 * <p>One per region: a viewer's coverage zone and its neighbour sites are all in its region, so a
 * national broker would take the same decisions (its load counts of these edges come from these
 * viewers only); what only a national view could do, routing to another region when a whole region
 * is down, is not exercised by the day replayed.
 */
final class RegionBroker {
  static final int NEIGHBOURS = 3;

  /** Heartbeats are not replayed: edges stay UP for the whole day. */
  private static final String NO_EXPIRY = "48h";

  private final SimClock clock;
  private final SessionLoad sessions;
  private final EdgeRouter router;
  private final Map<String, Integer> cacheIndex = new HashMap<>();

  RegionBroker(Region region, SiteNetwork network, long edgeCacheBytes, SimClock clock) {
    this.clock = clock;
    BrokerConfig config =
        BrokerConfig.from(
            Settings.of(
                Map.of(
                    "broker.coverage-zones", coverageZones(region),
                    "broker.site-latencies", siteLatencies(region),
                    "broker.heartbeat-timeout", NO_EXPIRY)));
    EdgeRegistry registry = new EdgeRegistry(config.heartbeatTimeout(), clock);
    this.sessions = new SessionLoad(BrokerConfig.SESSION_WINDOW, clock);
    this.router = new EdgeRouter(registry, sessions, config);
    int i = 0;
    for (EdgeSite site : region.sites()) {
      for (String cache : site.caches()) {
        registry.register(
            new EdgeRegistration(
                cache,
                "http://" + network.addressOf(cache) + ":8101",
                site.name(),
                edgeCacheBytes));
        cacheIndex.put(cache, i++);
      }
    }
  }

  /**
   * The index (in the region's order of edge caches) of the cache the broker sends this session to.
   */
  int route(String videoId, String client, String sessionId, double now) {
    clock.set(now);
    RouteDecision d =
        router.route(new RouteRequest(videoId, client, sessionId, null)).orElseThrow();
    return cacheIndex.get(d.edge().name());
  }

  /**
   * Forgets sessions idle past the window, a few stripes at a time, as the broker's sweeper does.
   */
  void sweep(double now) {
    clock.set(now);
    sessions.sweep(2);
  }

  private static String coverageZones(Region region) {
    List<String> zones = new ArrayList<>();
    for (EdgeSite site : region.sites()) {
      for (Viewers v : site.groups()) zones.add(v.subnet() + "=" + site.name());
    }
    return String.join(",", zones);
  }

  /**
   * Each site to its nearest sites of the region, as {@code cdn up} gives them (network.Coverage):
   * the round trip up to the regional site and down again. Not Coverage itself: its shortest paths
   * between every pair of a thousand sites would cost more than the day's replay.
   */
  private static String siteLatencies(Region region) {
    List<String> pairs = new ArrayList<>();
    for (EdgeSite a : region.sites()) {
      region.sites().stream()
          .filter(b -> b != a)
          .sorted(Comparator.comparingDouble(EdgeSite::primaryMs).thenComparing(EdgeSite::name))
          .limit(NEIGHBOURS)
          .forEach(
              b ->
                  pairs.add(
                      a.name()
                          + "/"
                          + b.name()
                          + "="
                          + Math.round(2 * (a.primaryMs() + b.primaryMs()))
                          + "ms"));
    }
    return String.join(",", pairs);
  }
}
