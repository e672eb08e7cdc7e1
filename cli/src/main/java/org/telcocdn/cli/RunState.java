package org.telcocdn.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.telcocdn.cli.netns.NetworkState;

/**
 * The contents of {@code {dataDir}/run/state.json}: what is running, in start order.
 *
 * @param topologyFile the file {@code up} read (absolute), null for the bundled default: the other
 *     commands use it when they are given no {@code --topology}
 * @param network what {@code up} created of a simulated network, null without sites
 */
public record RunState(
    String dataDir, List<RunningService> services, String topologyFile, NetworkState network) {
  public RunState {
    services = services == null ? List.of() : List.copyOf(services);
  }

  public RunState(String dataDir, List<RunningService> services) {
    this(dataDir, services, null, null);
  }

  public List<RunningService> alive() {
    return services.stream().filter(RunningService::alive).toList();
  }

  /**
   * The live processes grouped by role, in reverse start order: the client and the edges go before
   * the broker, so that edges can still deregister and nothing logs its peers vanishing.
   */
  public List<List<ProcessHandle>> stopOrder() {
    List<List<ProcessHandle>> tiers = new ArrayList<>();
    List<Role> roles = new ArrayList<>(List.of(Role.values()));
    Collections.reverse(roles);
    for (Role role : roles) {
      List<ProcessHandle> tier =
          services.stream()
              .filter(s -> role.module().equals(s.role()))
              .map(RunningService::process)
              .flatMap(Optional::stream)
              .toList();
      if (!tier.isEmpty()) tiers.add(tier);
    }
    return tiers;
  }
}
