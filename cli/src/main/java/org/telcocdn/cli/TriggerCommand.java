package org.telcocdn.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.telcocdn.common.config.ConfigException;
import org.telcocdn.common.config.Sizes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cdn trigger preposition | invalidate | purge | status | cancel}: CI/T triggers (RFC 8007)
 * sent to the controller's {@code /api/triggers} (docs/continuum.md).
 */
@Command(
    name = "trigger",
    mixinStandardHelpOptions = true,
    description = "Preposition, invalidate or purge content through the controller's trigger API.")
final class TriggerCommand implements Runnable {
  private final CliContext context;

  private TriggerCommand(CliContext context) {
    this.context = context;
  }

  static CommandLine commandLine(CliContext context) {
    return new CommandLine(new TriggerCommand(context))
        .addSubcommand(new Preposition(context))
        .addSubcommand("invalidate", new Invalidate(context, "invalidate"))
        .addSubcommand("purge", new Invalidate(context, "purge"))
        .addSubcommand(new Status(context))
        .addSubcommand(new Cancel(context));
  }

  @Override
  public void run() {
    new CommandLine(this).usage(context.out());
  }

  @Command(
      name = "preposition",
      mixinStandardHelpOptions = true,
      description =
          "Fill a title's playlists and segments into the edges of some sites ahead of viewers.")
  static final class Preposition implements Callable<Integer> {
    private final CliContext context;
    @Mixin ControllerClient controller = new ControllerClient();

    @Parameters(
        paramLabel = "VIDEO_ID",
        description = "The title (a content collection: every rendition).")
    String videoId;

    @Option(
        names = "--sites",
        paramLabel = "S1,S2",
        split = ",",
        description = "Target sites (default: every site).")
    List<String> sites = new ArrayList<>();

    @Option(
        names = "--window",
        paramLabel = "START,END",
        description = "Fill window: Unix seconds or ISO-8601 instants.")
    String window;

    @Option(
        names = "--rate",
        paramLabel = "R",
        description = "Bytes per second per edge at most (e.g. 5MiB).")
    String rate;

    @Option(names = "--priority", paramLabel = "P", description = "-100 to 100 (default 0).")
    Integer priority;

    @Option(names = "--json", description = "Print the status resource as JSON.")
    boolean json;

    Preposition(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      Map<String, Object> trigger = new LinkedHashMap<>();
      trigger.put("type", "preposition");
      trigger.put("content.ccid", List.of(videoId));
      List<Object> extensions = new ArrayList<>();
      if (!sites.isEmpty()) extensions.add(extension("CIT.LocationPolicy", locations(sites)));
      if (window != null)
        extensions.add(extension("CIT.TimePolicy", Map.of("windows", List.of(window(window)))));
      Map<String, Object> execution = new LinkedHashMap<>();
      if (priority != null) execution.put("priority", priority);
      if (rate != null) execution.put("max-fill-rate", rate(rate));
      if (!execution.isEmpty()) extensions.add(extension("CIT.ExecutionPolicy", execution));
      if (!extensions.isEmpty()) trigger.put("extensions", extensions);
      JsonNode created = controller.post(context, "/api/triggers", Map.of("trigger", trigger));
      print(context, created, json);
      return 0;
    }
  }

  @Command(
      mixinStandardHelpOptions = true,
      description = "Invalidate (or purge) titles on every edge.")
  static final class Invalidate implements Callable<Integer> {
    private final CliContext context;
    private final String type;
    @Mixin ControllerClient controller = new ControllerClient();

    @Parameters(paramLabel = "VIDEO_ID", arity = "1..*", description = "The titles.")
    List<String> videoIds;

    @Option(names = "--json", description = "Print the status resource as JSON.")
    boolean json;

    Invalidate(CliContext context, String type) {
      this.context = context;
      this.type = type;
    }

    @Override
    public Integer call() {
      JsonNode created =
          controller.post(
              context,
              "/api/triggers",
              Map.of("trigger", Map.of("type", type, "content.ccid", videoIds)));
      print(context, created, json);
      return 0;
    }
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = "One trigger's status, or every trigger's.")
  static final class Status implements Callable<Integer> {
    private final CliContext context;
    @Mixin ControllerClient controller = new ControllerClient();

    @Parameters(paramLabel = "ID", arity = "0..1", description = "The trigger (default: all).")
    String id;

    @Option(
        names = "--status",
        paramLabel = "S",
        description = "Only triggers in this status (pending, active, ...).")
    String status;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    Status(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      if (id != null) {
        print(context, controller.get(context, "/api/triggers/" + id), json);
        return 0;
      }
      JsonNode all =
          controller.get(context, "/api/triggers" + (status == null ? "" : "?status=" + status));
      if (json) {
        context.out().println(all.toPrettyString());
        return 0;
      }
      context
          .out()
          .printf(
              "%-20s %-12s %-10s %15s %21s %-10s %s%n",
              "ID", "TYPE", "STATUS", "OBJECTS", "BYTES", "ETIME", "ERRORS");
      for (JsonNode t : all.path("items")) {
        JsonNode p = t.path("progress");
        context
            .out()
            .printf(
                "%-20s %-12s %-10s %15s %21s %-10s %d%n",
                t.path("id").asText(),
                t.path("type").asText(),
                t.path("status").asText(),
                p.path("objectsDone").asLong() + "/" + p.path("objectsTotal").asLong(),
                p.path("bytesDone").asLong() + "/" + p.path("bytesTotal").asLong(),
                t.has("etime")
                    ? Instant.ofEpochSecond(t.path("etime").asLong()).toString().substring(11, 19)
                    : "-",
                t.path("errors").asInt());
      }
      return 0;
    }
  }

  @Command(
      name = "cancel",
      mixinStandardHelpOptions = true,
      description = "Cancel a trigger: its edges stop filling.")
  static final class Cancel implements Callable<Integer> {
    private final CliContext context;
    @Mixin ControllerClient controller = new ControllerClient();

    @Parameters(paramLabel = "ID", description = "The trigger.")
    String id;

    Cancel(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      JsonNode answer =
          controller.post(
              context, "/api/triggers", Map.of("cancel", List.of("/api/triggers/" + id)));
      for (JsonNode t : answer.path("cancelled")) print(context, t, false);
      return 0;
    }
  }

  /** A status resource: a summary line, a line per site and unit, the errors. */
  static void print(CliContext context, JsonNode t, boolean json) {
    if (json) {
      context.out().println(t.toPrettyString());
      return;
    }
    JsonNode p = t.path("progress");
    context
        .out()
        .printf(
            "trigger %s %s %s: %d/%d objects, %d/%d bytes%s%n",
            t.path("id").asText(),
            t.path("trigger").path("type").asText(),
            t.path("status").asText(),
            p.path("objectsDone").asLong(),
            p.path("objectsTotal").asLong(),
            p.path("bytesDone").asLong(),
            p.path("bytesTotal").asLong(),
            t.has("etime") ? ", etime " + Instant.ofEpochSecond(t.path("etime").asLong()) : "");
    p.path("sites")
        .properties()
        .forEach(
            site -> {
              for (JsonNode u : site.getValue().path("units")) {
                context
                    .out()
                    .printf(
                        "  %-12s %-12s %-10s %-14s %d/%d objects %s%n",
                        site.getKey(),
                        u.path("edge").asText(),
                        u.path("state").asText(),
                        u.path("source").asText(),
                        u.path("objectsDone").asLong(),
                        u.path("objectsTotal").asLong(),
                        u.path("reason").asText(""));
              }
            });
    printTiers(context, p);
    for (JsonNode e : t.path("errors")) {
      context
          .out()
          .printf("  error %s: %s%n", e.path("error").asText(), e.path("description").asText());
    }
  }

  /**
   * A line per tier cache: the trigger's titles it holds (per the cache index; {@code ?} when the
   * index was not read) and what it sent the units itself.
   */
  private static void printTiers(CliContext context, JsonNode progress) {
    long titles = titles(progress);
    progress
        .path("tiers")
        .properties()
        .forEach(
            tier -> {
              JsonNode c = tier.getValue();
              String held =
                  c.has("titlesHeld") ? Integer.toString(c.path("titlesHeld").size()) : "?";
              context
                  .out()
                  .printf(
                      "  tier %-12s %-8s holds %s/%d titles, sent the units %d objects, %d bytes%n",
                      tier.getKey(),
                      c.path("tier").asText(),
                      held,
                      titles,
                      c.path("objectsServed").asLong(),
                      c.path("bytesServed").asLong());
            });
  }

  /** The trigger's titles: those its units fill. */
  private static long titles(JsonNode progress) {
    java.util.Set<String> ids = new java.util.HashSet<>();
    progress
        .path("sites")
        .forEach(site -> site.path("units").forEach(u -> ids.add(u.path("videoId").asText())));
    return ids.size();
  }

  private static Map<String, Object> extension(String type, Object value) {
    return Map.of(
        "generic-trigger-extension-type", type,
        "generic-trigger-extension-value", value,
        "mandatory-to-enforce", true);
  }

  private static Map<String, Object> locations(List<String> sites) {
    return Map.of(
        "locations",
        List.of(
            Map.of(
                "action",
                "allow",
                "footprints",
                List.of(Map.of("footprint-type", "site", "footprint-value", sites)))));
  }

  static Map<String, Long> window(String value) {
    String[] parts = value.split(",");
    if (parts.length != 2) throw CliException.usage("--window must be START,END");
    return Map.of("start", instant(parts[0].trim()), "end", instant(parts[1].trim()));
  }

  private static long instant(String value) {
    if (value.matches("\\d+")) return Long.parseLong(value);
    try {
      return Instant.parse(value).getEpochSecond();
    } catch (DateTimeParseException e) {
      throw CliException.usage(
          "--window: '" + value + "' is neither Unix seconds nor an ISO-8601 instant");
    }
  }

  private static long rate(String value) {
    try {
      return Sizes.parseBytes("--rate", value);
    } catch (ConfigException e) {
      throw CliException.usage(e.getMessage());
    }
  }
}
