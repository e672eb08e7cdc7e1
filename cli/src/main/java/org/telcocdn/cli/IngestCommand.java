package org.telcocdn.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cdn ingest FILE --name N [--tag T]...}: uploads a video to the running origin. */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description =
        "Upload a video file to vid-raw, which transcodes it and registers it with vid-metadata.")
final class IngestCommand implements Callable<Integer> {
  private final CliContext context;

  @Mixin TopologyOption topology;

  @Parameters(paramLabel = "FILE", description = "The video file (any format FFmpeg reads).")
  Path file;

  @Option(names = "--name", required = true, description = "The video's name.")
  String name;

  @Option(names = "--tag", description = "A tag; repeat for several.")
  List<String> tags = new ArrayList<>();

  @Option(
      names = "--origin",
      paramLabel = "URL",
      description = "vid-raw's URL (default: from the state of `cdn up`).")
  String origin;

  IngestCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    String url = origin != null ? origin : originFromState(context, topology);
    Path video = context.workDir().resolve(file);
    context
        .err()
        .println("Uploading " + video + " to " + url + " (transcoding may take a while)...");
    CliSecrets secrets = new CliSecrets(topology.dataDir(context));
    JsonNode result =
        new IngestClient(secrets.trust(), secrets::token).ingest(url, video, name, tags);
    context.out().println(result.toPrettyString());
    return 0;
  }

  /** The running vid-raw's URL, from the state `cdn up` keeps. */
  static String originFromState(CliContext context, TopologyOption topology) {
    Path dataDir = topology.runningDataDir(context);
    return new StateFile(dataDir)
        .read().stream()
            .flatMap(state -> state.alive().stream())
            .filter(s -> Role.RAW.module().equals(s.role()))
            .map(RunningService::url)
            .findFirst()
            .orElseThrow(
                () ->
                    CliException.runtime(
                        "no running vid-raw is recorded in "
                            + dataDir.resolve("run/state.json")
                            + "; run `cdn up -d` first or pass --origin URL"));
  }
}
