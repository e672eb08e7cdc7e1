package org.telcocdn.analytics;

import java.nio.file.Path;
import java.time.Duration;
import org.telcocdn.common.config.ConfigException;
import org.telcocdn.common.config.Settings;

/**
 * The analytics service's settings.
 *
 * <table>
 *   <tr><th>key</th><th>default</th></tr>
 *   <tr><td>analytics.host</td><td>127.0.0.1</td></tr>
 *   <tr><td>analytics.port</td><td>8095</td></tr>
 *   <tr><td>analytics.log-dir</td><td>.cdn/logs/access (the edges' edge.access-log.dir); empty = no tailing</td></tr>
 *   <tr><td>analytics.state-dir</td><td>.cdn/data/analytics (snapshot of state + offsets)</td></tr>
 *   <tr><td>analytics.poll-interval</td><td>1s</td></tr>
 *   <tr><td>analytics.snapshot-interval</td><td>10s</td></tr>
 *   <tr><td>analytics.bucket</td><td>1m (popularity time bucket)</td></tr>
 *   <tr><td>analytics.keep</td><td>6h (longest window kept)</td></tr>
 *   <tr><td>analytics.top-capacity</td><td>1024 (Space-Saving counters per bucket and scope)</td></tr>
 *   <tr><td>analytics.max-sessions</td><td>100000 (oldest dropped first)</td></tr>
 * </table>
 */
public record AnalyticsConfig(String host, int port, Path logDir, Path stateDir, Duration pollInterval,
    Duration snapshotInterval, Duration bucket, Duration keep, int topCapacity, int maxSessions) {

  public AnalyticsConfig {
    if (bucket.toMillis() <= 0 || keep.compareTo(bucket) < 0) {
      throw new ConfigException("analytics.keep (" + keep + ") must be at least analytics.bucket (" + bucket + ") and both positive");
    }
  }

  public static AnalyticsConfig from(Settings s) {
    String logDir = s.string("analytics.log-dir", ".cdn/logs/access");
    return new AnalyticsConfig(
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
  }

  AnalyticsState freshState() {
    return new AnalyticsState(bucket.toMillis(), keep.toMillis(), topCapacity, maxSessions);
  }
}
