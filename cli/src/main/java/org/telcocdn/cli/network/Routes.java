package org.telcocdn.cli.network;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Shortest paths by one-way delay over the links that are up, the way a link-state routing protocol
 * with delay as metric would settle: a client's request to the origin crosses its edge site, the
 * edge's primary parent, the core and the cloud, because the example's links follow the tiers. Ties
 * go to the link written first in the file (an edge's link to its primary parent is listed before
 * the secondary's), so routes never depend on hash order. Each hop adds a microsecond, so that
 * links of zero delay still prefer fewer hops.
 */
final class Routes {
  private static final double HOP_MS = 0.001;
  private final List<Node> nodes;
  private final List<Link> links;
  private final Set<Link> cut;

  Routes(List<Node> nodes, List<Link> links, Set<Link> cut) {
    this.nodes = nodes;
    this.links = links;
    this.cut = cut;
  }

  /** For each node, the first link on the path to each node it can reach. */
  Map<String, Map<String, Link>> nextHops() {
    Map<String, Map<String, Link>> all = new LinkedHashMap<>();
    for (Node n : nodes) all.put(n.name(), search(n.name()).firstHops());
    return all;
  }

  /**
   * The one-way delay of the shortest path from {@code source} to each node it reaches (itself: 0).
   */
  Map<String, Double> delaysFrom(String source) {
    return search(source).delays();
  }

  private record Step(String node, double cost, int order) {}

  /**
   * The first link towards each reachable node and the path's delay (without the hop tie-breaker),
   * in node order.
   */
  private record Paths(Map<String, Link> firstHops, Map<String, Double> delays) {}

  private Paths search(String source) {
    Map<String, Double> cost = new HashMap<>(Map.of(source, 0.0));
    Map<String, Double> delay = new HashMap<>(Map.of(source, 0.0));
    Map<String, Link> firstHop = new LinkedHashMap<>();
    PriorityQueue<Step> queue =
        new PriorityQueue<>(
            (x, y) ->
                x.cost() != y.cost()
                    ? Double.compare(x.cost(), y.cost())
                    : Integer.compare(x.order(), y.order()));
    queue.add(new Step(source, 0, 0));
    int order = 0;
    while (!queue.isEmpty()) {
      Step step = queue.poll();
      if (step.cost() > cost.get(step.node())) continue;
      for (Link link : links) {
        if (cut.contains(link) || !(link.a().equals(step.node()) || link.b().equals(step.node())))
          continue;
        String next = link.other(step.node());
        double c = step.cost() + link.spec().oneWayMs() + HOP_MS;
        if (c < cost.getOrDefault(next, Double.MAX_VALUE)) {
          cost.put(next, c);
          delay.put(next, delay.get(step.node()) + link.spec().oneWayMs());
          firstHop.put(next, step.node().equals(source) ? link : firstHop.get(step.node()));
          queue.add(new Step(next, c, ++order));
        }
      }
    }
    Map<String, Link> hops = new LinkedHashMap<>();
    Map<String, Double> delays = new LinkedHashMap<>();
    for (Node n : nodes) {
      if (firstHop.containsKey(n.name())) hops.put(n.name(), firstHop.get(n.name()));
      if (delay.containsKey(n.name())) delays.put(n.name(), delay.get(n.name()));
    }
    return new Paths(hops, delays);
  }
}
