package org.telcocdn.cache.tier;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.telcocdn.cache.allocation.EdgeSlot;
import org.telcocdn.cache.allocation.Rendezvous;
import org.telcocdn.cache.storage.CacheKey;

/**
 * The order in which an edge asks its parents for an object: the caches of its primary parent site,
 * then those of its secondary, each site's caches ranked by rendezvous hashing on the object (the
 * controller's {@link Rendezvous}, equal weights). Every edge ranks an object the same way, so each
 * object has one home in a parent site and the site's caches together hold as much as their sum: a
 * regional site acts as one large cache, and a cache that leaves moves only its own objects to the
 * next in rank. Parents whose circuit is open are left out of the order (and counted).
 */
final class ParentSelection {
  private final List<EdgeSlot> primary;
  private final List<EdgeSlot> secondary;
  private final Map<String, Parent> byName;
  private final ParentCircuits circuits;
  private final ParentMetrics metrics;

  ParentSelection(TierConfig config, ParentCircuits circuits, ParentMetrics metrics) {
    this.primary = slots(config.primary());
    this.secondary = slots(config.secondary());
    List<Parent> all = new ArrayList<>(config.primary());
    all.addAll(config.secondary());
    this.byName = all.stream().collect(Collectors.toMap(Parent::name, Function.identity()));
    this.circuits = circuits;
    this.metrics = metrics;
  }

  /** The parents to try for {@code key}, in order; empty when every circuit is open. */
  List<Parent> order(CacheKey key) {
    String object = key.videoId() + "/" + key.path();
    List<Parent> order = new ArrayList<>();
    for (List<EdgeSlot> site : List.of(primary, secondary)) {
      for (EdgeSlot slot : site.isEmpty() ? site : Rendezvous.rank(object, site)) {
        Parent parent = byName.get(slot.name());
        if (!circuits.open(parent)) order.add(parent);
        else metrics.failed(parent, ParentFailure.CIRCUIT_OPEN);
      }
    }
    return order;
  }

  private static List<EdgeSlot> slots(List<Parent> parents) {
    return parents.stream().map(p -> new EdgeSlot(p.name(), 1)).toList();
  }
}
