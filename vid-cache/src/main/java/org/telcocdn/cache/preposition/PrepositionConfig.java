package org.telcocdn.cache.preposition;

import java.time.Duration;
import org.telcocdn.common.config.ConfigException;
import org.telcocdn.common.config.Settings;

/**
 * How prepositioning yields to viewers ({@code edge.preposition.*}, docs/configuration.md).
 *
 * @param rate bytes per second this edge fills at most, over all jobs (a job's own rate may be
 *     lower)
 * @param concurrency objects in flight at most
 * @param budgetShare share of the disk that jobs running at once may promise to fill; a push over
 *     it is refused ({@code no_room})
 * @param backoffConnections viewers' open connections at or above which fills pause (0 = off)
 * @param backoffEgress egress bytes/s at or above which fills pause (0 = off)
 * @param backoffCpu the process's CPU load (0..1 of all cores) at or above which fills pause (0 =
 *     off)
 * @param backoffTtfb viewers' p99 time to first byte over the last second at or above which fills
 *     pause (zero = off; needs the access log, which measures it)
 * @param maxJobs jobs kept at most (running and finished), so pushes cannot grow memory
 */
public record PrepositionConfig(
    long rate,
    int concurrency,
    double budgetShare,
    long backoffConnections,
    long backoffEgress,
    double backoffCpu,
    Duration backoffTtfb,
    int maxJobs) {

  public PrepositionConfig {
    if (!(budgetShare > 0 && budgetShare <= 1))
      throw new ConfigException(
          "edge.preposition.budget-share must be in (0, 1], was " + budgetShare);
    if (!(backoffCpu >= 0 && backoffCpu <= 1))
      throw new ConfigException(
          "edge.preposition.backoff-cpu must be in [0, 1], was " + backoffCpu);
  }

  public static PrepositionConfig from(Settings s) {
    return new PrepositionConfig(
        s.bytes("edge.preposition.rate", 12_500_000L, 1),
        s.intValue("edge.preposition.concurrency", 2, 1, 16),
        fraction(s, "edge.preposition.budget-share", 0.5),
        s.longValue("edge.preposition.backoff-connections", 0, 0, Long.MAX_VALUE),
        s.longValue("edge.preposition.backoff-egress", 0, 0, Long.MAX_VALUE),
        fraction(s, "edge.preposition.backoff-cpu", 0.8),
        s.duration("edge.preposition.backoff-ttfb", Duration.ofMillis(50)),
        s.intValue("edge.preposition.max-jobs", 256, 1, 100_000));
  }

  private static double fraction(Settings s, String key, double fallback) {
    String value = s.string(key, Double.toString(fallback));
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new ConfigException(key + " must be a number from 0 to 1, was '" + value + "'");
    }
  }
}
