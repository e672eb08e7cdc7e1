package org.telcocdn.common.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the human forms of byte counts and durations used in configuration. */
public final class Sizes {
  private static final Pattern BYTES =
      Pattern.compile("(\\d+)\\s*([kmgt]i?b?|b)?", Pattern.CASE_INSENSITIVE);
  private static final Pattern DURATION =
      Pattern.compile("(\\d+)\\s*(ms|s|m|h)", Pattern.CASE_INSENSITIVE);

  private Sizes() {}

  public static long parseBytes(String key, String value) {
    Matcher m = BYTES.matcher(value.trim());
    if (!m.matches()) {
      throw new ConfigException(
          key + " must be a byte count such as 512MiB or 10GB, was '" + value + "'");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
    long base = unit.contains("i") || unit.length() == 1 ? 1024 : 1000;
    int power =
        switch (unit.charAt(0)) {
          case 'k' -> 1;
          case 'm' -> 2;
          case 'g' -> 3;
          case 't' -> 4;
          default -> 0;
        };
    long result = n;
    for (int i = 0; i < power; i++) result = Math.multiplyExact(result, base);
    return result;
  }

  public static Duration parseDuration(String key, String value) {
    Matcher m = DURATION.matcher(value.trim());
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2).toLowerCase(Locale.ROOT)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        default -> Duration.ofHours(n);
      };
    }
    try {
      return Duration.parse(value.trim());
    } catch (DateTimeParseException e) {
      throw new ConfigException(
          key + " must be a duration such as 500ms, 2s or 5m, was '" + value + "'");
    }
  }
}
