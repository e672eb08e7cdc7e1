package org.telcocdn.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.telcocdn.common.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cdn ps [--json]}: the recorded services, whether each process lives and is healthy. */
@Command(
    name = "ps",
    mixinStandardHelpOptions = true,
    description = "List the services started by `cdn up`.")
final class PsCommand implements Callable<Integer> {
  /** One element of {@code --json}: stable field names for scripts and the e2e tests. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Entry(
      String name,
      String role,
      long pid,
      String url,
      Integer grpcPort,
      Integer raftPort,
      boolean alive,
      boolean healthy,
      String log,
      Instant started,
      String site,
      String namespace) {
    static Entry of(StatusTable.Row row) {
      RunningService s = row.service();
      return new Entry(
          s.name(),
          s.role(),
          s.pid(),
          s.url(),
          s.grpcPort(),
          s.raftPort(),
          row.alive(),
          row.healthy(),
          s.log(),
          s.started(),
          s.site(),
          s.namespace());
    }
  }

  private final CliContext context;

  @Mixin TopologyOption topology;

  @Option(names = "--json", description = "Print a JSON array instead of a table.")
  boolean json;

  PsCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    Path dataDir = topology.runningDataDir(context);
    Optional<RunState> state = new StateFile(dataDir).read();
    List<StatusTable.Row> rows =
        state.map(s -> StatusTable.check(s, context.probe())).orElse(List.of());
    if (json) {
      printJson(rows.stream().map(Entry::of).toList());
    } else if (state.isEmpty()) {
      context
          .out()
          .println("Nothing is running (no state file in " + dataDir.resolve("run") + ").");
    } else {
      StatusTable.print(context.out(), rows);
    }
    return 0;
  }

  private void printJson(List<Entry> entries) {
    try {
      context
          .out()
          .println(
              Json.MAPPER
                  .writer()
                  .with(SerializationFeature.INDENT_OUTPUT)
                  .writeValueAsString(entries));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
