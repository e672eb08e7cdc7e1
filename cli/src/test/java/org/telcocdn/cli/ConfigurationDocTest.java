package org.telcocdn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;
import org.telcocdn.analytics.AnalyticsConfig;
import org.telcocdn.broker.BrokerConfig;
import org.telcocdn.cache.EdgeConfig;
import org.telcocdn.client.ClientConfig;
import org.telcocdn.common.config.ConfigException;
import org.telcocdn.common.config.Settings;
import org.telcocdn.common.config.Sizes;
import org.telcocdn.controller.ControllerConfig;
import org.telcocdn.index.IndexConfig;
import org.telcocdn.metadata.MetadataConfig;
import org.telcocdn.raw.OriginConfig;

/**
 * docs/configuration.md is the one list of configuration keys. Each service's typed config reads
 * its settings from a {@link Settings} that records every key read with the default the code gave
 * it; every key read must be in the service's table with that default, every key in a table must be
 * read, and the service must log each value it read once (the {@code key = value (default|custom)}
 * lines at start-up). Lives in cli because cli is the module that depends on every service.
 *
 * <p>Documented defaults are compared as written for people: {@code 1MiB} equals the code's 1048576
 * and {@code 5m} its 300s; {@code (empty)} is the empty string; {@code {edge.name}} stands for the
 * value read for that key.
 */
class ConfigurationDocTest {
  private static final Path DOC = Path.of("..", "docs", "configuration.md");
  private static final Pattern SECTION =
      Pattern.compile("^## (\\S+) \\(`(org\\.telcocdn\\.[\\w.]+Main)`\\)");
  private static final Pattern ROW = Pattern.compile("^\\| `([a-z][a-z0-9.-]*)` \\|([^|]*)\\|");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z][a-z0-9.-]*)}");

  /** Each service's section in the doc, and how the service reads its settings at start-up. */
  private static final Map<String, Consumer<Settings>> SERVICES = new LinkedHashMap<>();

  static {
    SERVICES.put("vid-metadata", MetadataConfig::from);
    SERVICES.put("vid-raw", OriginConfig::from);
    SERVICES.put("vid-cache", EdgeConfig::from);
    SERVICES.put("vid-cache-broker", BrokerConfig::from);
    SERVICES.put("client", ClientConfig::from);
    SERVICES.put("analytics", AnalyticsConfig::from);
    SERVICES.put("controller", ControllerConfig::from);
    SERVICES.put("cache-index", IndexConfig::from);
  }

  /**
   * Defaults computed at start-up, documented in words: the cores the process may run on, the first
   * of the broker's index peers, this member's port in {@code index.peers}.
   */
  private static final Set<String> COMPUTED =
      Set.of("broker.io-threads", "broker.index.member", "index.port", "origin.transcode.threads");

  static Stream<String> services() {
    return SERVICES.keySet().stream();
  }

  @Test
  void everyServiceSectionOfTheDoc_isChecked_andNamesAMainClassThatExists() throws Exception {
    Map<String, String> mains = new LinkedHashMap<>();
    for (String line : Files.readAllLines(DOC)) {
      Matcher m = SECTION.matcher(line);
      if (m.find()) mains.put(m.group(1), m.group(2));
    }
    assertThat(mains.keySet())
        .as("service sections of %s", DOC)
        .containsExactlyInAnyOrderElementsOf(SERVICES.keySet());
    for (String main : mains.values()) Class.forName(main);
  }

  @ParameterizedTest
  @MethodSource("services")
  void everyKeyRead_isDocumentedWithTheDefaultTheCodeUses(String service) throws IOException {
    List<Settings.Read> reads = read(service);
    Map<String, String> documented = table(service);
    Map<String, String> values = new LinkedHashMap<>();
    reads.forEach(r -> values.put(r.key(), r.value()));

    List<String> wrong = new ArrayList<>();
    for (Settings.Read read : reads) {
      String cell = documented.get(read.key());
      if (cell == null) {
        wrong.add(read.key() + " is read but not in the table");
      } else if (!COMPUTED.contains(read.key())
          && !sameDefault(read.defaultValue(), expand(cell, values))) {
        wrong.add(
            read.key()
                + ": the code's default is '"
                + read.defaultValue()
                + "', the table's "
                + cell);
      }
    }

    assertThat(reads).as("keys %s reads", service).isNotEmpty();
    assertThat(wrong).as("the %s table of %s", service, DOC).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("services")
  void everyDocumentedKey_isRead(String service) throws IOException {
    List<String> read = read(service).stream().map(Settings.Read::key).toList();
    List<String> stale =
        table(service).keySet().stream().filter(key -> !read.contains(key)).toList();

    assertThat(stale)
        .as("keys in the %s table of %s that %s does not read", service, DOC, service)
        .isEmpty();
  }

  @ParameterizedTest
  @MethodSource("services")
  void everyValueRead_isLoggedOnce(String service) {
    Logger logger = (Logger) LoggerFactory.getLogger(Settings.class);
    Level level = logger.getLevel();
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    logger.addAppender(logged);
    logger.setLevel(Level.INFO);
    try {
      List<String> keys = read(service).stream().map(Settings.Read::key).toList();

      List<String> lines = logged.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
      assertThat(lines)
          .as("%s's start-up log of its configuration", service)
          .allMatch(l -> l.startsWith(service + " config: "));
      assertThat(
              lines.stream().map(l -> l.substring(l.indexOf(": ") + 2, l.indexOf(" = "))).toList())
          .as("keys %s logged", service)
          .containsExactlyElementsOf(keys);
    } finally {
      logger.detachAppender(logged);
      logger.setLevel(level);
    }
  }

  /** The keys a service reads with every value at its default, in the order read. */
  private static List<Settings.Read> read(String service) {
    Settings recording = Settings.of(Map.of());
    SERVICES.get(service).accept(recording);
    return recording.reads();
  }

  /** Key → default cell of the service's table. */
  private static Map<String, String> table(String service) throws IOException {
    Map<String, String> rows = new LinkedHashMap<>();
    String section = null;
    for (String line : Files.readAllLines(DOC)) {
      if (line.startsWith("## ")) {
        Matcher m = SECTION.matcher(line);
        section = m.find() ? m.group(1) : null;
      } else if (service.equals(section)) {
        Matcher m = ROW.matcher(line);
        if (m.find()) rows.put(m.group(1), m.group(2).strip());
      }
    }
    return rows;
  }

  /**
   * A default cell as the code would write it: one literal in backticks, {@code (empty)}, or words.
   */
  private static String expand(String cell, Map<String, String> values) {
    if (cell.equals("(empty)")) return "";
    if (!(cell.startsWith("`") && cell.endsWith("`") && cell.indexOf('`', 1) == cell.length() - 1))
      return cell;
    String literal = cell.substring(1, cell.length() - 1);
    Matcher m = PLACEHOLDER.matcher(literal);
    List<String> parts = new ArrayList<>();
    int at = 0;
    while (m.find()) {
      parts.add(literal.substring(at, m.start()));
      parts.add(values.getOrDefault(m.group(1), m.group()));
      at = m.end();
    }
    parts.add(literal.substring(at));
    return String.join("", parts);
  }

  /**
   * The same string, or the same byte count ({@code 1MiB} = 1048576), or the same duration ({@code
   * 5m} = 300s).
   */
  private static boolean sameDefault(String code, String documented) {
    if (code == null) return documented.equals("(required)");
    if (code.equals(documented)) return true;
    try {
      if (code.matches("\\d+")) return Sizes.parseBytes("doc", documented) == Long.parseLong(code);
      if (code.matches("\\d+m?s"))
        return Sizes.parseDuration("doc", documented).equals(Sizes.parseDuration("code", code));
    } catch (ConfigException | ArithmeticException e) {
      return false;
    }
    return false;
  }
}
