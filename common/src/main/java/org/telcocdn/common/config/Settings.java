package org.telcocdn.common.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Layered, typed configuration. A key such as {@code edge.cache.max-bytes} is looked up, highest
 * precedence first, in: explicit overrides (command line), Java system properties ({@code
 * -Dedge.cache.max-bytes=...}), the environment ({@code CDN_EDGE_CACHE_MAX_BYTES}), and an optional
 * properties file named by {@code CDN_CONFIG_FILE}. Typed getters fail fast with the key, the value
 * and the rule; each value read is logged once as {@code key = value (default|custom)} like Ratis.
 *
 * <p>Each service wraps this in one typed config record, so that the keys and their defaults live
 * in one place per service and are listed in docs/configuration.md.
 */
public final class Settings {
  private static final Logger log = LoggerFactory.getLogger(Settings.class);

  /**
   * One value read: the key, the value in effect, and the default the code gave for it, in the form
   * the key is written ({@code 1s}, {@code 1048576}); {@code defaultValue} is null for a required
   * key.
   */
  public record Read(String key, String value, String defaultValue) {
    public boolean custom() {
      return value == null || !value.equals(defaultValue);
    }

    /** {@code key = value (default|custom)}, secrets masked: the form logged at start-up. */
    public String describe() {
      // A salt is a secret too: with it, hashed client addresses are reversed by trying all 2^32
      // IPv4s.
      String shown =
          key.contains("password") || key.contains("secret") || key.contains("salt")
              ? "****"
              : value;
      return key + " = " + shown + " (" + (custom() ? "custom" : "default") + ")";
    }
  }

  private final Map<String, String> overrides;
  private final Map<String, String> env;
  private final Properties system;
  private final Properties file;
  private final List<Read> reads = new ArrayList<>();

  private Settings(
      Map<String, String> overrides, Map<String, String> env, Properties system, Properties file) {
    this.overrides = Map.copyOf(overrides);
    this.env = Map.copyOf(env);
    this.system = system;
    this.file = file;
  }

  /** Settings of a running process: system properties, environment and {@code CDN_CONFIG_FILE}. */
  public static Settings fromEnvironment() {
    return new Settings(
        Map.of(),
        System.getenv(),
        System.getProperties(),
        loadFile(System.getenv("CDN_CONFIG_FILE")));
  }

  /** Settings from explicit values only: for tests and embedding. */
  public static Settings of(Map<String, String> values) {
    return new Settings(values, Map.of(), new Properties(), new Properties());
  }

  /** These settings with {@code more} taking precedence. */
  public Settings with(Map<String, String> more) {
    Map<String, String> merged = new HashMap<>(overrides);
    merged.putAll(more);
    return new Settings(merged, env, system, file);
  }

  /** The environment variable that sets {@code key}: upper case, dots and dashes to underscores. */
  public static String envName(String key) {
    return "CDN_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  public Optional<String> raw(String key) {
    String value = overrides.get(key);
    if (value == null) value = system.getProperty(key);
    if (value == null) value = env.get(envName(key));
    if (value == null) value = file.getProperty(key);
    return Optional.ofNullable(value).map(String::trim);
  }

  public String string(String key, String defaultValue) {
    return describe(key, raw(key).orElse(defaultValue), defaultValue);
  }

  public String requiredString(String key) {
    String value =
        raw(key)
            .filter(v -> !v.isEmpty())
            .orElseThrow(
                () -> new ConfigException(key + " is required (set it or " + envName(key) + ")"));
    return describe(key, value, null);
  }

  public int port(String key, int defaultValue) {
    return (int) range(key, longValue(key, defaultValue), 0, 65535);
  }

  public int intValue(String key, int defaultValue, int min, int max) {
    return (int) range(key, longValue(key, defaultValue), min, max);
  }

  public long longValue(String key, long defaultValue, long min, long max) {
    return range(key, longValue(key, defaultValue), min, max);
  }

  public boolean bool(String key, boolean defaultValue) {
    String value = raw(key).orElse(Boolean.toString(defaultValue)).toLowerCase(Locale.ROOT);
    if (!value.equals("true") && !value.equals("false")) {
      throw new ConfigException(key + " must be true or false, was '" + value + "'");
    }
    return Boolean.parseBoolean(describe(key, value, Boolean.toString(defaultValue)));
  }

  /** A duration such as {@code 500ms}, {@code 2s}, {@code 5m}, or an ISO-8601 {@code PT2S}. */
  public Duration duration(String key, Duration defaultValue) {
    String value = raw(key).orElse(null);
    if (value == null) {
      describe(key, format(defaultValue), format(defaultValue));
      return defaultValue;
    }
    Duration parsed = Sizes.parseDuration(key, value);
    describe(key, value, format(defaultValue));
    return parsed;
  }

  /** A byte count such as {@code 512MiB}, {@code 2GiB}, {@code 10GB} or a plain number. */
  public long bytes(String key, long defaultValue, long min) {
    String value = raw(key).orElse(null);
    long parsed = value == null ? defaultValue : Sizes.parseBytes(key, value);
    describe(key, value == null ? Long.toString(defaultValue) : value, Long.toString(defaultValue));
    return range(key, parsed, min, Long.MAX_VALUE);
  }

  public Path path(String key, String defaultValue) {
    return Path.of(string(key, defaultValue));
  }

  /**
   * Every value read so far, in order, with its default: what {@link #logValues} logs, and what a
   * test compares with docs/configuration.md.
   */
  public List<Read> reads() {
    return List.copyOf(reads);
  }

  /** The lines {@code key = value (default|custom)} of every value read so far, in order. */
  public List<String> described() {
    return reads.stream().map(Read::describe).toList();
  }

  /** Logs every value read so far, once, at start-up. */
  public void logValues(String service) {
    described().forEach(line -> log.info("{} config: {}", service, line));
  }

  private long longValue(String key, long defaultValue) {
    String value = raw(key).orElse(null);
    if (value == null) {
      describe(key, Long.toString(defaultValue), Long.toString(defaultValue));
      return defaultValue;
    }
    try {
      long parsed = Long.parseLong(value);
      describe(key, value, Long.toString(defaultValue));
      return parsed;
    } catch (NumberFormatException e) {
      throw new ConfigException(key + " must be a whole number, was '" + value + "'");
    }
  }

  private static long range(String key, long value, long min, long max) {
    if (value < min || value > max) {
      throw new ConfigException(key + " must be between " + min + " and " + max + ", was " + value);
    }
    return value;
  }

  private String describe(String key, String value, String defaultValue) {
    reads.add(new Read(key, value, defaultValue));
    return value;
  }

  private static String format(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }

  private static Properties loadFile(String file) {
    Properties properties = new Properties();
    if (file == null || file.isBlank()) return properties;
    try (InputStream in = Files.newInputStream(Path.of(file))) {
      properties.load(in);
      return properties;
    } catch (IOException e) {
      throw new ConfigException(
          "CDN_CONFIG_FILE names '" + file + "', which cannot be read: " + e.getMessage());
    }
  }
}
