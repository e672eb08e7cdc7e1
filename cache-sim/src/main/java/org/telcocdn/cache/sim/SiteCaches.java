package org.telcocdn.cache.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.function.Consumer;
import org.telcocdn.cache.policy.CachePolicy;
import org.telcocdn.cache.policy.VideoIds;

/**
 * The edges of one site, each a real policy instance, plus what the site holds across them: for
 * every object how many edges keep a copy (so the bytes kept more than once are known at any time),
 * and per edge its objects by title (so an edge can drop a title the plan moved to a peer).
 */
final class SiteCaches {
  private final List<CachePolicy<Long>> edges;
  private final List<HashMap<Long, HashSet<Long>>> titlesHeld = new ArrayList<>();
  private final List<Consumer<Long>> evicted = new ArrayList<>();
  private final HashMap<Long, Integer> copies = new HashMap<>();
  private final HashMap<Long, Long> sizes = new HashMap<>();
  private long duplicatedBytes;

  SiteCaches(List<CachePolicy<Long>> edges) {
    this.edges = List.copyOf(edges);
    for (int e = 0; e < edges.size(); e++) {
      int edge = e;
      titlesHeld.add(new HashMap<>());
      evicted.add(id -> dropCopy(edge, id));
    }
  }

  boolean holds(int edge, long id) {
    return edges.get(edge).contains(id);
  }

  /**
   * A request at {@code edge}: a hit updates the policy; a miss is offered to it only when {@code
   * admit} (the allocation may forbid storing it here). Returns whether it was a hit.
   */
  boolean access(int edge, long id, long size, boolean admit) {
    CachePolicy<Long> cache = edges.get(edge);
    if (cache.contains(id)) {
      cache.onHit(id);
      return true;
    }
    if (admit && cache.onMiss(id, size, evicted.get(edge))) addCopy(edge, id, size);
    return false;
  }

  /** Removes every object of {@code title} from {@code edge}. */
  void dropTitle(int edge, long title) {
    HashSet<Long> ids = titlesHeld.get(edge).get(title);
    if (ids == null) return;
    for (Long id : List.copyOf(ids)) {
      edges.get(edge).remove(id);
      dropCopy(edge, id);
    }
  }

  private void addCopy(int edge, long id, long size) {
    sizes.putIfAbsent(id, size);
    titlesHeld.get(edge).computeIfAbsent(title(id), t -> new HashSet<>()).add(id);
    int n = copies.merge(id, 1, Integer::sum);
    if (n > 1) duplicatedBytes += size;
  }

  private void dropCopy(int edge, Long id) {
    HashSet<Long> ids = titlesHeld.get(edge).get(title(id));
    if (ids == null || !ids.remove(id)) return;
    if (ids.isEmpty()) titlesHeld.get(edge).remove(title(id));
    int n = copies.get(id);
    if (n > 1) {
      duplicatedBytes -= sizes.get(id);
      copies.put(id, n - 1);
    } else {
      copies.remove(id);
    }
  }

  private static long title(long id) {
    return VideoIds.shape(id).title();
  }

  /** Bytes held beyond the first copy of each object. */
  long duplicatedBytes() {
    return duplicatedBytes;
  }
}
