package org.telcocdn.analytics;

import java.nio.file.Path;
import java.time.Duration;
import org.telcocdn.common.config.ConfigException;
import org.telcocdn.common.config.Settings;

/**
 * Every setting of the analytics service, with its default. The keys, defaults and meanings are
 * listed once, in docs/configuration.md ("analytics"); ConfigurationDocTest (cli) keeps that table
 * and this method in step.
 */
public record AnalyticsConfig(
    String host,
    int port,
    Path logDir,
    Path stateDir,
    Duration pollInterval,
    Duration snapshotInterval,
    Duration bucket,
    Duration keep,
    int topCapacity,
    int maxSessions) {

  public AnalyticsConfig {
    if (bucket.toMillis() <= 0 || keep.compareTo(bucket) < 0) {
      throw new ConfigException(
          "analytics.keep ("
              + keep
              + ") must be at least analytics.bucket ("
              + bucket
              + ") and both positive");
    }
  }

  public static AnalyticsConfig from(Settings s) {
    String logDir = s.string("analytics.log-dir", ".cdn/logs/access");
    AnalyticsConfig config =
        new AnalyticsConfig(
            s.string("analytics.host", "127.0.0.1"),
            s.port("analytics.port", 8095),
            logDir.isBlank() ? null : Path.of(logDir),
            s.path("analytics.state-dir", ".cdn/data/analytics"),
            s.duration("analytics.poll-interval", Duration.ofSeconds(1)),
            s.duration("analytics.snapshot-interval", Duration.ofSeconds(10)),
            s.duration("analytics.bucket", Duration.ofMinutes(1)),
            s.duration("analytics.keep", Duration.ofHours(6)),
            s.intValue("analytics.top-capacity", 1024, 16, 1 << 20),
            s.intValue("analytics.max-sessions", 100_000, 1, 10_000_000));
    s.logValues("analytics");
    return config;
  }

  AnalyticsState freshState() {
    return new AnalyticsState(bucket.toMillis(), keep.toMillis(), topCapacity, maxSessions);
  }
}
