package org.telcocdn.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.telcocdn.cli.netns.EmulatedNetwork;
import org.telcocdn.cli.netns.HostCommands;
import org.telcocdn.cli.netns.NetworkState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code cdn down}: stops the processes recorded in the state file, and only those. */
@Command(
    name = "down",
    mixinStandardHelpOptions = true,
    description = "Stop the services started by `cdn up -d`.")
final class DownCommand implements Callable<Integer> {
  private final CliContext context;

  @Mixin TopologyOption topology;

  DownCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    Path dataDir = topology.runningDataDir(context);
    StateFile stateFile = new StateFile(dataDir);
    Optional<RunState> state = stateFile.read();
    if (state.isEmpty()) {
      context.out().println("Nothing to stop (no state file in " + dataDir.resolve("run") + ").");
      return 0;
    }
    List<RunningService> alive = state.get().alive();
    alive.forEach(s -> context.out().println("Stopping " + s.name() + " (pid " + s.pid() + ")"));
    context.supervisor().stopInOrder(state.get().stopOrder());
    context
        .out()
        .println(
            "Stopped "
                + alive.size()
                + " of "
                + state.get().services().size()
                + " recorded services.");
    NetworkState network = state.get().network();
    if (network != null) removeNetwork(network);
    stateFile.delete();
    return 0;
  }

  /** After the services, whose processes would otherwise keep their namespaces alive. */
  private void removeNetwork(NetworkState network) {
    Cluster.requireRoot("removing the simulated network");
    try {
      EmulatedNetwork.destroy(network, HostCommands.processes());
    } catch (IllegalStateException e) {
      throw CliException.runtime("the simulated network cannot be removed: " + e.getMessage());
    }
    List<String> left = network.leftoverNamespaces();
    if (!left.isEmpty()) {
      throw CliException.runtime(
          "namespaces "
              + left
              + " are still there (a process of ours in them?); the state file"
              + " is kept: see `ip netns pids NAME`, then `cdn down` again");
    }
    context
        .out()
        .println(
            "Removed the simulated network: "
                + network.namespaces().size()
                + " namespaces, "
                + network.hostDevices().size()
                + " host interfaces"
                + (network.delayLinePid() == null ? "" : ", the delay line")
                + ".");
  }
}
