package org.telcocdn.cache.sim;

import java.util.HashMap;
import java.util.PriorityQueue;

/**
 * Belady's MIN in the unit-size view: the cache holds {@code fraction × distinct objects} objects,
 * and on a miss the object whose next request is farthest away (the newcomer included) leaves. That
 * is optimal for object misses when all objects have one size; its byte miss ratio is reported but
 * is no bound.
 */
final class Belady {
  private final Trace trace;
  private final int[] next;

  Belady(Trace trace, int[] next) {
    this.trace = trace;
    this.next = next;
  }

  Result run(Simulator sim, double fraction) {
    long slots = Math.max(1, Math.round(trace.distinctObjects() * fraction));
    HashMap<Long, Long> resident = new HashMap<>(); // id -> its next use
    PriorityQueue<long[]> farthest = new PriorityQueue<>((a, b) -> Long.compare(b[0], a[0]));
    Simulator.Counts counts = new Simulator.Counts(trace, sim.measuredFrom());
    for (int i = 0; i < trace.length(); i++) {
      long id = trace.id(i);
      long nextUse = next[i] < 0 ? Long.MAX_VALUE - i : next[i];
      boolean hit = resident.containsKey(id);
      counts.count(i, hit);
      if (!hit && resident.size() >= slots) {
        evictFarthest(resident, farthest, nextUse);
        if (resident.size() >= slots) continue; // the newcomer itself is needed last
      }
      resident.put(id, nextUse);
      farthest.add(new long[] {nextUse, id});
    }
    return counts.result("belady", fraction, slots);
  }

  /** Evicts the farthest resident unless the newcomer's next use is farther still. */
  private static void evictFarthest(
      HashMap<Long, Long> resident, PriorityQueue<long[]> farthest, long newcomer) {
    while (!farthest.isEmpty()) {
      long[] top = farthest.peek();
      Long current = resident.get(top[1]);
      if (current == null || current != top[0]) {
        farthest.poll(); // stale: the object was requested again or evicted
        continue;
      }
      if (top[0] <= newcomer) return;
      farthest.poll();
      resident.remove(top[1]);
      return;
    }
  }
}
