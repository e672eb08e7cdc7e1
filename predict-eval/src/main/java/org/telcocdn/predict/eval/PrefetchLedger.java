package org.telcocdn.predict.eval;

import java.util.ArrayDeque;
import java.util.HashMap;

/**
 * What was prefetched where and whether it was used: an object placed at an edge is used if a
 * request for it reaches that edge within {@value #USE_SECONDS} s, else its bytes are waste (the
 * issue's "prefetched bytes never requested within 10 minutes").
 */
final class PrefetchLedger {
  static final int USE_SECONDS = 600;

  private record Placed(int edge, long id, long time, long size) {}

  private final ArrayDeque<Placed> order = new ArrayDeque<>();
  private final HashMap<Long, Placed>[] open;
  private long placedBytes;
  private long usedBytes;
  private long wastedBytes;

  @SuppressWarnings("unchecked")
  PrefetchLedger(int edges) {
    open = new HashMap[edges];
    for (int e = 0; e < edges; e++) open[e] = new HashMap<>();
  }

  void placed(int edge, long id, long time, long size) {
    Placed p = new Placed(edge, id, time, size);
    open[edge].put(id, p);
    order.add(p);
    placedBytes += size;
  }

  /** A request reached the edge: the object's prefetch, if still open, was used. */
  void requested(int edge, long id, long time) {
    expire(time);
    Placed p = open[edge].remove(id);
    if (p != null) usedBytes += p.size();
  }

  /** Closes every prefetch older than the use window as waste. */
  void expire(long now) {
    while (!order.isEmpty() && order.peek().time() + USE_SECONDS < now) {
      Placed p = order.poll();
      if (open[p.edge()].remove(p.id(), p)) wastedBytes += p.size();
    }
  }

  long placedBytes() {
    return placedBytes;
  }

  long usedBytes() {
    return usedBytes;
  }

  /** Bytes never used, counting those still open at the end of the trace as waste too. */
  long wastedBytes() {
    long stillOpen = 0;
    for (HashMap<Long, Placed> m : open) for (Placed p : m.values()) stillOpen += p.size();
    return wastedBytes + stillOpen;
  }
}
