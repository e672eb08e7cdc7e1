package org.telcocdn.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code cdn down}: stops the processes recorded in the state file, and only those. */
@Command(name = "down", mixinStandardHelpOptions = true, description = "Stop the services started by `cdn up -d`.")
final class DownCommand implements Callable<Integer> {
  private final CliContext context;

  @Mixin TopologyOption topology;

  DownCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    Path dataDir = topology.dataDir(context);
    StateFile stateFile = new StateFile(dataDir);
    Optional<RunState> state = stateFile.read();
    if (state.isEmpty()) {
      context.out().println("Nothing to stop (no state file in " + dataDir.resolve("run") + ").");
      return 0;
    }
    List<RunningService> alive = state.get().alive();
    alive.forEach(s -> context.out().println("Stopping " + s.name() + " (pid " + s.pid() + ")"));
    context.supervisor().stopInOrder(state.get().stopOrder());
    stateFile.delete();
    context.out().println("Stopped " + alive.size() + " of " + state.get().services().size() + " recorded services.");
    return 0;
  }
}
