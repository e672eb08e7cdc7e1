package org.telcocdn.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.telcocdn.common.json.Json;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cdn live start --name NAME [--source FILE] [--json] | list [--json] | stop ID}: live
 * channels at the running origin (docs/live.md).
 */
@Command(
    name = "live",
    mixinStandardHelpOptions = true,
    description = "Start, list and stop live LL-HLS channels at vid-raw.")
final class LiveCommand implements Runnable {
  private final CliContext context;

  private LiveCommand(CliContext context) {
    this.context = context;
  }

  static CommandLine commandLine(CliContext context) {
    return new CommandLine(new LiveCommand(context))
        .addSubcommand(new Start(context))
        .addSubcommand(new ListChannels(context))
        .addSubcommand(new Stop(context));
  }

  @Override
  public void run() {
    new CommandLine(this).usage(context.out());
  }

  /** What every subcommand needs: the origin's URL and the operator's credentials. */
  abstract static class OriginCall implements Callable<Integer> {
    final CliContext context;
    @Mixin TopologyOption topology;

    @Option(
        names = "--origin",
        paramLabel = "URL",
        description = "vid-raw's URL (default: from the state of `cdn up`).")
    String origin;

    OriginCall(CliContext context) {
      this.context = context;
    }

    String originUrl() {
      return origin != null ? origin : IngestCommand.originFromState(context, topology);
    }

    IngestClient client() {
      CliSecrets secrets = new CliSecrets(topology.dataDir(context));
      return new IngestClient(secrets.trust(), secrets::token);
    }
  }

  @Command(
      name = "start",
      mixinStandardHelpOptions = true,
      description =
          "Start a channel: a test source, or FILE looped, encoded in real time; prints its play"
              + " URL on the broker.")
  static final class Start extends OriginCall {
    @Option(names = "--name", required = true, description = "The channel's name.")
    String name;

    @Option(names = "--source", paramLabel = "FILE", description = "A video file to loop.")
    Path source;

    @Option(names = "--json", description = "Print {\"id\",\"name\",\"playUrl\"} as JSON.")
    boolean json;

    Start(CliContext context) {
      super(context);
    }

    @Override
    public Integer call() {
      Path file = source == null ? null : context.workDir().resolve(source);
      JsonNode channel = client().startLive(originUrl(), name, file);
      if (json) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("id", channel.path("id").asText());
        out.put("name", channel.path("name").asText());
        out.put("playUrl", channel.path("playUrl").asText(null));
        context.out().println(out);
      } else {
        context
            .out()
            .println(
                "live " + channel.path("id").asText() + " '" + channel.path("name").asText() + "'");
        context.out().println(channel.path("playUrl").asText());
      }
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "The running channels.")
  static final class ListChannels extends OriginCall {
    @Option(names = "--json", description = "As JSON: {\"channels\": [...]}.")
    boolean json;

    ListChannels(CliContext context) {
      super(context);
    }

    @Override
    public Integer call() {
      JsonNode list = client().listLive(originUrl());
      if (json) {
        context.out().println(list);
        return 0;
      }
      context
          .out()
          .printf("%-18s %-24s %-8s %-10s %s%n", "ID", "NAME", "SOURCE", "LAST-MSN", "PLAY URL");
      for (JsonNode c : list.path("channels")) {
        context
            .out()
            .printf(
                "%-18s %-24s %-8s %-10s %s%n",
                c.path("id").asText(),
                c.path("name").asText(),
                c.path("source").asText(),
                c.path("lastMsn").asText(),
                c.path("playUrl").asText(""));
      }
      return 0;
    }
  }

  @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop a channel.")
  static final class Stop extends OriginCall {
    @Parameters(paramLabel = "ID", description = "The channel's id (live-...).")
    String id;

    Stop(CliContext context) {
      super(context);
    }

    @Override
    public Integer call() {
      JsonNode stopped = client().stopLive(originUrl(), id);
      JsonNode recording = stopped.path("recording");
      if (recording.isObject())
        context
            .out()
            .println(
                "stopped "
                    + id
                    + "; its DVR window is title "
                    + recording.path("id").asText()
                    + " ("
                    + recording.path("playUrl").asText("")
                    + ")");
      else
        context
            .out()
            .println(
                "stopped "
                    + id
                    + " (not recorded: "
                    + stopped.path("recordingError").asText()
                    + ")");
      return 0;
    }
  }
}
