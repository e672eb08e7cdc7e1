package org.telcocdn.controller.trigger;

import java.nio.file.Path;
import java.time.Duration;
import org.telcocdn.common.config.ConfigException;
import org.telcocdn.common.config.Settings;

/**
 * The CI/T interface's settings ({@code controller.triggers.*}, docs/configuration.md).
 *
 * @param dir where triggers are stored, one JSON file each
 * @param retention how long a finished trigger is kept (RFC 8007: at least 24 h)
 * @param tick how often unfinished triggers are moved along (edges' progress read)
 * @param maxUnfinished unfinished triggers at most; one more is refused with 503
 * @param defaultRate bytes per second an edge fills at when a trigger names no rate: what {@code
 *     etime} assumes before any progress (match {@code edge.preposition.rate})
 * @param nightlyWindow {@code HH:MM-HH:MM} (UTC) of the nightly fill from the batch summary; empty
 *     = none
 * @param nightlyCapacityShare share of a site's edge capacity the nightly fill may fill
 * @param nightlyMaxTitles titles per site and night at most
 * @param cacheTiers the tier caches above the edges a status resource names ({@link CacheTiers})
 */
public record TriggerSettings(
    Path dir,
    Duration retention,
    Duration tick,
    int maxUnfinished,
    long defaultRate,
    String nightlyWindow,
    double nightlyCapacityShare,
    int nightlyMaxTitles,
    CacheTiers cacheTiers) {
  private static final java.util.regex.Pattern WINDOW =
      java.util.regex.Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d-([01]\\d|2[0-3]):[0-5]\\d");

  public TriggerSettings {
    if (retention.compareTo(Duration.ofHours(24)) < 0)
      throw new ConfigException(
          "controller.triggers.retention must be at least 24h (RFC 8007), was " + retention);
    if (tick.toMillis() < 50)
      throw new ConfigException("controller.triggers.tick must be at least 50ms, was " + tick);
    if (!nightlyWindow.isEmpty() && !WINDOW.matcher(nightlyWindow).matches())
      throw new ConfigException(
          "controller.nightly.window must be HH:MM-HH:MM (UTC) or empty, was '"
              + nightlyWindow
              + "'");
    if (!(nightlyCapacityShare > 0 && nightlyCapacityShare <= 1))
      throw new ConfigException(
          "controller.nightly.capacity-share must be in (0, 1], was " + nightlyCapacityShare);
  }

  /** The nightly window's opening and closing time (UTC); only when it is set. */
  public java.time.LocalTime[] nightlyTimes() {
    String[] parts = nightlyWindow.split("-");
    return new java.time.LocalTime[] {
      java.time.LocalTime.parse(parts[0]), java.time.LocalTime.parse(parts[1])
    };
  }

  public static TriggerSettings from(Settings s) {
    return new TriggerSettings(
        s.path("controller.triggers.dir", ".cdn/data/controller/triggers"),
        s.duration("controller.triggers.retention", Duration.ofHours(48)),
        s.duration("controller.triggers.tick", Duration.ofSeconds(1)),
        s.intValue("controller.triggers.max-unfinished", 1000, 1, 100_000),
        s.bytes("controller.triggers.default-rate", 12_500_000L, 1),
        s.string("controller.nightly.window", ""),
        share(s.string("controller.nightly.capacity-share", "0.3")),
        s.intValue("controller.nightly.max-titles", 50, 1, 10_000),
        CacheTiers.parse(s.string(CacheTiers.KEY, "")));
  }

  private static double share(String value) {
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new ConfigException(
          "controller.nightly.capacity-share must be a number in (0, 1], was '" + value + "'");
    }
  }

  /** For tests: triggers under {@code dir}, ticks every 100 ms. */
  public static TriggerSettings at(Path dir) {
    return new TriggerSettings(
        dir,
        Duration.ofHours(48),
        Duration.ofMillis(100),
        1000,
        12_500_000L,
        "",
        0.3,
        50,
        CacheTiers.NONE);
  }

  /** The same with other tier caches. */
  public TriggerSettings withCacheTiers(CacheTiers next) {
    return new TriggerSettings(
        dir,
        retention,
        tick,
        maxUnfinished,
        defaultRate,
        nightlyWindow,
        nightlyCapacityShare,
        nightlyMaxTitles,
        next);
  }
}
