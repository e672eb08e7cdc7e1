package org.telcocdn.broker;

import java.time.Duration;
import java.util.List;
import org.telcocdn.common.config.ConfigException;
import org.telcocdn.common.config.Settings;
import org.telcocdn.common.security.SecurityConfig;

/**
 * Every setting of the broker, with its default: the ring and the server here, policy, locality,
 * probes, warm-up and duress in {@link BalancingConfig}, the cache index in {@link
 * IndexLinkConfig}, signed viewer URLs in {@link UrlSigningConfig}, the limits against hostile
 * clients in {@link BrokerLimits}. The keys, defaults and meanings are listed once, in
 * docs/configuration.md ("vid-cache-broker"); ConfigurationDocTest (cli) keeps that table and
 * {@link #from} in step.
 */
public record BrokerConfig(
    String host,
    int port,
    Duration heartbeatTimeout,
    double balanceFactor,
    int virtualNodes,
    int alternates,
    int minLoadCap,
    BalancingConfig balancing,
    IndexLinkConfig index,
    int ioThreads,
    int backgroundNice,
    String controlHost,
    int controlPort,
    SecurityConfig security,
    UrlSigningConfig urlSigning,
    BrokerLimits limits,
    List<TierCache> tierCaches) {

  public static final Duration SESSION_WINDOW = Duration.ofSeconds(30);

  /**
   * Housekeeping (JIT, sweeps, probes, heartbeats) gets about a tenth of the event loops' share of
   * a contended core: enough to keep up, too little to hold a decision up for a time slice.
   */
  static final int DEFAULT_BACKGROUND_NICE = 10;

  /** Without the load-balancing keys: their defaults. */
  public BrokerConfig(
      String host,
      int port,
      Duration heartbeatTimeout,
      double balanceFactor,
      int virtualNodes,
      int alternates,
      int minLoadCap) {
    this(
        host,
        port,
        heartbeatTimeout,
        balanceFactor,
        virtualNodes,
        alternates,
        minLoadCap,
        BalancingConfig.defaults());
  }

  /** Without the cache index: routing and invalidation as before the index existed. */
  public BrokerConfig(
      String host,
      int port,
      Duration heartbeatTimeout,
      double balanceFactor,
      int virtualNodes,
      int alternates,
      int minLoadCap,
      BalancingConfig balancing) {
    this(
        host,
        port,
        heartbeatTimeout,
        balanceFactor,
        virtualNodes,
        alternates,
        minLoadCap,
        balancing,
        IndexLinkConfig.none(),
        defaultIoThreads(),
        DEFAULT_BACKGROUND_NICE,
        host,
        0,
        new SecurityConfig("", "", "", "", null),
        UrlSigningConfig.none(),
        BrokerLimits.defaults(),
        List.of());
  }

  /**
   * One event loop per core the process may run on (affinity included): /play decisions run on the
   * loops, and two loops sharing one core made each other's requests wait for a time slice.
   */
  public static int defaultIoThreads() {
    return Runtime.getRuntime().availableProcessors();
  }

  public BrokerConfig {
    tierCaches = List.copyOf(tierCaches);
    if (heartbeatTimeout.isNegative() || heartbeatTimeout.isZero()) {
      throw new ConfigException(
          "broker.heartbeat-timeout must be positive, was " + heartbeatTimeout);
    }
    if (!(balanceFactor >= 1.0 && balanceFactor <= 100.0)) {
      throw new ConfigException(
          "broker.balance-factor must be between 1.0 and 100.0, was " + balanceFactor);
    }
  }

  public static BrokerConfig from(Settings s) {
    BrokerConfig config =
        new BrokerConfig(
            s.string("broker.host", "127.0.0.1"),
            s.port("broker.port", 8080),
            s.duration("broker.heartbeat-timeout", Duration.ofSeconds(3)),
            decimal(s, "broker.balance-factor", "1.25"),
            s.intValue("broker.virtual-nodes", 160, 1, 10_000),
            s.intValue("broker.alternates", 2, 0, 16),
            s.intValue("broker.min-load-cap", 8, 1, 1_000_000),
            BalancingConfig.from(s),
            IndexLinkConfig.from(s),
            s.intValue("broker.io-threads", defaultIoThreads(), 1, 64),
            s.intValue("broker.background-nice", DEFAULT_BACKGROUND_NICE, 0, 19),
            s.string("broker.control-host", "127.0.0.1"),
            s.port("broker.control-port", 7080),
            SecurityConfig.from(s),
            UrlSigningConfig.from(s),
            BrokerLimits.from(s),
            TierCache.parseList(s.string(TierCache.KEY, "")));
    s.logValues("vid-cache-broker");
    return config;
  }

  /**
   * The interval edges are told to heartbeat at: three beats per timeout, so one lost beat is
   * harmless.
   */
  public Duration heartbeatInterval() {
    return heartbeatTimeout.dividedBy(3);
  }

  private static double decimal(Settings s, String key, String defaultValue) {
    String value = s.string(key, defaultValue);
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new ConfigException(
          key + " must be a decimal number such as 1.25, was '" + value + "'");
    }
  }
}
