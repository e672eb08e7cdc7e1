package org.telcocdn.cli.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.telcocdn.cli.Role;
import org.telcocdn.cli.ServiceSpec;
import org.telcocdn.cli.Topology;

/**
 * A topology as a cluster runs it. Everything stays but the cache-index members: a StatefulSet
 * names its pods {@code cache-index-0, -1, ...}, and its one pod template gives every member the
 * same ports, so the members are renamed after their pods (which become their Raft ids) and take
 * the first member's ports. The wiring then reads this topology, so the members' peers, ids and
 * storage are the pods' own.
 */
public final class ClusterTopology {
  /** The cache-index StatefulSet and its headless Service. */
  public static final String INDEX = "cache-index";

  private ClusterTopology() {}

  /**
   * @throws IllegalArgumentException naming what the cluster cannot run
   */
  public static Topology of(Topology topology) {
    if (!topology.sited()) {
      throw new IllegalArgumentException(
          "the topology has no sites; the manifests have one overlay per site (try --topology topology/telco.yaml)");
    }
    if (topology.viewerHttps()) {
      // The demo certificate lives in cdn up's data directory; a cluster's viewer certificate is
      // the operator's (security.viewer-tls.* from a Secret), not built into the manifests.
      throw new IllegalArgumentException(
          "viewerHttps is for cdn up; the manifests do not carry a viewer certificate");
    }
    List<ServiceSpec> members = topology.ofRole(Role.CACHE_INDEX);
    checkNames(topology, !members.isEmpty());
    checkOneSite(members);
    List<ServiceSpec> services = new ArrayList<>();
    int ordinal = 0;
    for (ServiceSpec s : topology.services()) {
      services.add(
          s.roleValue() == Role.CACHE_INDEX ? member(s, members.getFirst(), ordinal++) : s);
    }
    return new Topology(
        topology.dataDir(),
        topology.startTimeoutSeconds(),
        services,
        topology.network(),
        topology.sites(),
        topology.linkDefaults(),
        topology.links(),
        topology.clients(),
        topology.deliveryServices(),
        topology.viewerHttps());
  }

  private static ServiceSpec member(ServiceSpec s, ServiceSpec first, int ordinal) {
    return new ServiceSpec(
        INDEX + "-" + ordinal,
        s.role(),
        first.port(),
        null,
        null,
        first.raftPort(),
        s.site(),
        s.env());
  }

  /** Object names are DNS labels; the StatefulSet's name is taken when there are members. */
  private static void checkNames(Topology topology, boolean hasMembers) {
    for (ServiceSpec s : topology.services()) {
      if (!ClusterOptions.isDnsLabel(s.name() + "-viewers")) {
        throw new IllegalArgumentException(
            "service "
                + s.name()
                + ": a Kubernetes name must be a DNS label (letters, digits, '-', not at the end, at most 55 characters here)");
      }
      if (hasMembers
          && s.roleValue() != Role.CACHE_INDEX
          && (s.name().equals(INDEX) || s.name().startsWith(INDEX + "-"))) {
        throw new IllegalArgumentException(
            "service "
                + s.name()
                + ": the name is taken by the cache-index StatefulSet ("
                + INDEX
                + ", its pods "
                + INDEX
                + "-N)");
      }
    }
  }

  private static void checkOneSite(List<ServiceSpec> members) {
    Set<String> sites =
        members.stream()
            .map(ServiceSpec::site)
            .collect(Collectors.toCollection(java.util.TreeSet::new));
    if (sites.size() > 1) {
      throw new IllegalArgumentException(
          "the cache-index members run in several sites "
              + sites
              + "; their StatefulSet belongs to one site's overlay: put every member in one site");
    }
  }
}
