package org.telcocdn.cli.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the broker needs of the network to route by location, in its own settings' syntax: each
 * client group's subnet is a coverage zone of the edge site it attaches to ({@code
 * broker.coverage-zones}, as a Traffic Router coverage-zone file maps subnets to cache groups), and
 * every pair of edge sites has the round trip of the shortest path between them ({@code
 * broker.site-latencies}), which orders a site's neighbours when its own edges are down or
 * overloaded.
 *
 * <p>The round trip is predicted from the links' one-way delays (twice the path's sum), not probed:
 * the probe measures it within 0.3 ms (docs/topology.md), and the broker's setting has a resolution
 * of 1 ms, so the measurement would change no order the prediction gives.
 */
public final class Coverage {
  private final SiteNetwork network;

  public Coverage(SiteNetwork network) {
    this.network = network;
  }

  /**
   * {@code 10.100.1.0/24=edge-a,...}: every client group's subnet to its edge site, in file order.
   */
  public String zones() {
    List<String> zones = new ArrayList<>();
    for (Node group : network.clientGroups()) zones.add(group.subnet() + "=" + group.attach());
    return String.join(",", zones);
  }

  /**
   * {@code edge-a/edge-b=6ms,...}: each pair of edge sites once, the round trip rounded to the
   * millisecond.
   */
  public String siteLatencies() {
    List<Node> edges = network.sites().stream().filter(n -> n.kind() == NodeKind.EDGE).toList();
    List<String> pairs = new ArrayList<>();
    for (int i = 0; i < edges.size(); i++) {
      Map<String, Double> delays = network.delaysFrom(edges.get(i).name());
      for (Node other : edges.subList(i + 1, edges.size())) {
        Double oneWay = delays.get(other.name());
        if (oneWay == null) continue; // not connected: no neighbour, only the "any" tier
        pairs.add(
            String.format(
                Locale.ROOT,
                "%s/%s=%dms",
                edges.get(i).name(),
                other.name(),
                Math.round(2 * oneWay)));
      }
    }
    return String.join(",", pairs);
  }
}
