package org.telcocdn.broker;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Turns a video id and a client into a {@link RouteDecision}. Holds the current ring of UP edges as
 * an immutable snapshot, swapped when the registry reports a membership change, so routing never
 * takes a lock.
 *
 * <p>Load of an edge = the sessions the broker sent there recently ({@link SessionLoad}). The
 * connections an edge reports are not added: one player holds several keep-alive connections, so
 * mixing the two units made a viewer's second request land on another, cold edge. The requesting session's own count is taken off its current
 * edge before choosing, so a viewer already on an edge at its cap is not pushed off by their own
 * weight, and keeps playing from a warm edge.
 */
public final class EdgeRouter {
  private record Table(BoundedLoadRing ring, Map<String, Edge> edges) {}

  private final EdgeRegistry registry;
  private final SessionLoad sessions;
  private final BrokerConfig config;
  private volatile Table table = new Table(BoundedLoadRing.of(Set.of(), 1), Map.of());

  public EdgeRouter(EdgeRegistry registry, SessionLoad sessions, BrokerConfig config) {
    this.registry = registry;
    this.sessions = sessions;
    this.config = config;
    registry.onMembershipChange(this::rebuild);
  }

  /** The decision for {@code videoId} asked by {@code client}; empty when no edge is UP. */
  public Optional<RouteDecision> route(String videoId, String client) {
    registry.expireStale();
    Table current = table;
    if (current.ring().isEmpty()) return Optional.empty();
    Map<String, Long> loads = loads(current, sessions.currentEdge(client, videoId));
    RingChoice choice = current.ring().choose(videoId, loads, config.balanceFactor(), config.minLoadCap(), config.alternates());
    sessions.record(client, videoId, choice.edge());
    List<Edge> alternates = choice.alternates().stream().map(current.edges()::get).toList();
    return Optional.of(new RouteDecision(current.edges().get(choice.edge()), alternates, choice.reason(), choice.spilledFrom()));
  }

  /** The ring now in use, for tests and diagnostics. */
  public BoundedLoadRing ring() {
    return table.ring();
  }

  private Map<String, Long> loads(Table current, String ownEdge) {
    Map<String, Long> counts = sessions.counts();
    Map<String, Long> loads = new HashMap<>();
    for (String name : current.ring().members()) {
      long own = name.equals(ownEdge) ? 1 : 0;
      loads.put(name, Math.max(0, counts.getOrDefault(name, 0L) - own));
    }
    return loads;
  }

  private void rebuild(List<Edge> up) {
    Map<String, Edge> byName = up.stream().collect(Collectors.toUnmodifiableMap(Edge::name, Function.identity()));
    Table current = table;
    if (sameMembers(current.edges(), byName)) {
      table = new Table(current.ring(), byName);
      return;
    }
    table = new Table(BoundedLoadRing.of(byName.keySet(), config.virtualNodes()), byName);
  }

  private static boolean sameMembers(Map<String, Edge> a, Map<String, Edge> b) {
    if (!a.keySet().equals(b.keySet())) return false;
    return a.values().stream().allMatch(e -> e.url().equals(b.get(e.name()).url()));
  }
}
