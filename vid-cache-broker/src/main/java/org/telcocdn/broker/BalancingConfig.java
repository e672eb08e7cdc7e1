package org.telcocdn.broker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.telcocdn.common.config.ConfigException;
import org.telcocdn.common.config.Settings;

/**
 * The load-balancing settings of the broker beyond the ring itself: which placement policy, where
 * clients are (coverage zones) and how sites neighbour each other, how the broker probes edges
 * (with {@code probeCa}, the CA an HTTPS edge's viewer certificate is checked against), how a
 * recovered edge warms up, what counts as duress, and where a saturated site overflows ({@link
 * CloudTierConfig}). Keys and defaults: docs/configuration.md ("vid-cache-broker"), the one list.
 */
public record BalancingConfig(
    RoutingPolicy policy,
    CoverageZones coverageZones,
    SiteNeighbours siteNeighbours,
    Duration probeInterval,
    Duration probeTimeout,
    int probeMisses,
    Duration warmUp,
    long duressConnections,
    long duressEgressBytesPerSecond,
    Path probeCa,
    CloudTierConfig cloudTier) {

  public static BalancingConfig from(Settings s) {
    return new BalancingConfig(
        policy(s.string("broker.policy", "bounded-load")),
        CoverageZones.parse(s.string("broker.coverage-zones", ""))
            .with(CoverageZones.file(s.string("broker.coverage-zones-file", ""))),
        SiteNeighbours.parse(s.string("broker.site-latencies", "")),
        s.duration("broker.probe-interval", Duration.ofSeconds(1)),
        s.duration("broker.probe-timeout", Duration.ofMillis(500)),
        s.intValue("broker.probe-misses", 3, 1, 1000),
        s.duration("broker.warm-up", Duration.ofSeconds(10)),
        s.longValue("broker.duress-connections", 0, 0, Long.MAX_VALUE),
        s.longValue("broker.duress-egress", 0, 0, Long.MAX_VALUE),
        probeCa(s.string("broker.probe-ca", "")),
        CloudTierConfig.from(s));
  }

  public static BalancingConfig defaults() {
    return new BalancingConfig(
        RoutingPolicy.BOUNDED_LOAD,
        CoverageZones.parse(""),
        SiteNeighbours.parse(""),
        Duration.ofSeconds(1),
        Duration.ofMillis(500),
        3,
        Duration.ofSeconds(10),
        0,
        0,
        null,
        CloudTierConfig.none());
  }

  public BalancingConfig withPolicy(RoutingPolicy next) {
    return new BalancingConfig(
        next,
        coverageZones,
        siteNeighbours,
        probeInterval,
        probeTimeout,
        probeMisses,
        warmUp,
        duressConnections,
        duressEgressBytesPerSecond,
        probeCa,
        cloudTier);
  }

  /**
   * Whether {@code load} is at or over a configured duress threshold or the edge said so itself.
   */
  public boolean overloaded(EdgeLoad load) {
    return load.duress()
        || (duressConnections > 0 && load.activeConnections() >= duressConnections)
        || (duressEgressBytesPerSecond > 0
            && load.egressBytesPerSecond() >= duressEgressBytesPerSecond);
  }

  /** Empty: the JDK's trust store (public CAs), what a viewer's device trusts too. */
  private static Path probeCa(String value) {
    return value.isBlank() ? null : Path.of(value);
  }

  private static RoutingPolicy policy(String value) {
    for (RoutingPolicy p : RoutingPolicy.values()) {
      if (p.label().equals(value.toLowerCase(Locale.ROOT))) return p;
    }
    throw new ConfigException(
        "broker.policy must be one of bounded-load, consistent-hash, rendezvous, round-robin,"
            + " least-connections; was '"
            + value
            + "'");
  }
}
