package org.telcocdn.cli;

import java.util.ArrayList;
import java.util.List;
import org.telcocdn.cli.netns.EmulatedNetwork;
import org.telcocdn.cli.netns.HostCommands;
import org.telcocdn.cli.netns.NetworkState;
import org.telcocdn.cli.network.Link;
import org.telcocdn.cli.network.SiteNetwork;

/**
 * The simulated network {@code cdn up} is running, as the topology commands find it: its topology,
 * the state file's record of it, and the links cut at run time.
 */
final class RunningNetwork {
  private final Topology topology;
  private final StateFile stateFile;
  private final RunState state;

  private RunningNetwork(Topology topology, StateFile stateFile, RunState state) {
    this.topology = topology;
    this.stateFile = stateFile;
    this.state = state;
  }

  /**
   * The running network, or a clear error: nothing runs, it is not a network, or we are not root.
   */
  static RunningNetwork of(CliContext context, TopologyOption option) {
    Topology topology = option.loadRunning(context);
    if (!topology.sited())
      throw CliException.usage(
          "the topology has no sites, so no simulated network; start one with"
              + " `cdn up -d --topology topology/telco.yaml`");
    StateFile stateFile = new StateFile(topology.dataPath(context.workDir()));
    RunState state =
        stateFile
            .read()
            .filter(s -> s.network() != null)
            .orElseThrow(
                () ->
                    CliException.runtime(
                        "no simulated network is running (no network in "
                            + stateFile.path()
                            + "); start it with `cdn up -d --topology FILE`"));
    Cluster.requireRoot("entering the simulated network's namespaces");
    return new RunningNetwork(topology, stateFile, state);
  }

  SiteNetwork network() {
    return topology.siteNetwork();
  }

  List<Link> cut() {
    return cutOf(topology, state);
  }

  /** The links a state records as cut; none without a state or a network. */
  static List<Link> cutOf(Topology topology, RunState state) {
    if (state == null || state.network() == null) return List.of();
    SiteNetwork net = topology.siteNetwork();
    return state.network().cut().stream()
        .map(p -> net.link(p.get(0), p.get(1)))
        .flatMap(java.util.Optional::stream)
        .toList();
  }

  /** Cuts or restores {@code link}, applies the new routes and records the cut set; returns it. */
  List<Link> recut(Link link, boolean down) {
    List<Link> cut = new ArrayList<>(cut());
    cut.remove(link);
    if (down) cut.add(link);
    try {
      new EmulatedNetwork(network(), HostCommands.processes(), null, null).routes(cut);
    } catch (IllegalStateException e) {
      throw CliException.runtime("the routes cannot be changed: " + e.getMessage());
    }
    NetworkState network =
        state.network().withCut(cut.stream().map(l -> List.of(l.a(), l.b())).toList());
    stateFile.write(new RunState(state.dataDir(), state.services(), state.topologyFile(), network));
    return cut;
  }
}
