package org.telcocdn.broker;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Consistent hashing with bounded loads (Mirrokni, Thorup, Zadimoghaddam, "Consistent Hashing with
 * Bounded Loads", SODA 2018), the scheme behind HAProxy's {@code hash-balance-factor} and Envoy's
 * {@code hash_balance_factor}.
 *
 * <p><b>Placement.</b> Each edge owns {@code virtualNodes} points on a 64-bit ring, at {@code
 * hash("name#i")}; a key (the video id) belongs to the first point clockwise from {@code
 * hash(key)}. Many points per edge even out the arcs, and adding or removing one edge only moves
 * the keys on its own arcs (about 1/n of them), so the other edges keep their warm caches.
 *
 * <p><b>Bound.</b> With total load {@code m} over {@code n} edges, every edge is capped at {@code
 * ceil(c * (m + 1) / n)}, {@code c} being the balance factor (the {@code + 1} counts the request
 * being placed, as in the paper). The walk from the key's position skips edges at their cap.
 * Because the caps sum to at least {@code m + 1}, some edge always has room, and a popular title
 * overflows onto the next edges on the ring instead of melting its owner. The walk order past the
 * chosen edge gives the alternates, edges with room first.
 *
 * <p>Instances are immutable snapshots, rebuilt when membership changes and read without locks.
 */
public final class BoundedLoadRing {
  private final long[] points;
  private final String[] owners;
  private final List<String> members;

  private BoundedLoadRing(long[] points, String[] owners, List<String> members) {
    this.points = points;
    this.owners = owners;
    this.members = members;
  }

  /** A ring of {@code members} (edge names), each with {@code virtualNodes} points. */
  public static BoundedLoadRing of(Set<String> members, int virtualNodes) {
    if (virtualNodes < 1)
      throw new IllegalArgumentException("virtualNodes must be at least 1, was " + virtualNodes);
    TreeMap<Long, String> sorted = new TreeMap<>();
    for (String member : members) {
      for (int i = 0; i < virtualNodes; i++) {
        // On a (vanishingly rare) collision the smaller name keeps the point, so order never
        // matters.
        sorted.merge(Hash64.of(member + "#" + i), member, (a, b) -> a.compareTo(b) <= 0 ? a : b);
      }
    }
    long[] points = new long[sorted.size()];
    String[] owners = new String[sorted.size()];
    int i = 0;
    for (Map.Entry<Long, String> e : sorted.entrySet()) {
      points[i] = e.getKey();
      owners[i++] = e.getValue();
    }
    return new BoundedLoadRing(points, owners, List.copyOf(new TreeSet<>(members)));
  }

  public List<String> members() {
    return members;
  }

  public boolean isEmpty() {
    return members.isEmpty();
  }

  /** The edges in the order a walk from {@code key} meets them, each once. */
  public List<String> walk(String key) {
    // A list and contains() for a handful of edges (the usual site), where a hash set only adds
    // garbage.
    List<String> order = new ArrayList<>(members.size());
    Set<String> seen = members.size() > 16 ? new HashSet<>() : null;
    int start = firstPointAtOrAfter(Hash64.of(key));
    for (int i = 0; i < points.length && order.size() < members.size(); i++) {
      String owner = owners[(start + i) % points.length];
      if (seen != null ? seen.add(owner) : !order.contains(owner)) order.add(owner);
    }
    return order;
  }

  /**
   * The same order as {@link #walk}, produced as it is consumed: a caller that needs the first few
   * edges (the alternates) does not walk the whole ring, which with many edges means most of its
   * points (every edge's last point first met is far round the ring).
   */
  public Iterator<String> walker(String key) {
    return new Iterator<>() {
      private final Set<String> seen = new HashSet<>();
      private int i = isEmpty() ? points.length : firstPointAtOrAfter(Hash64.of(key));
      private int steps;
      private String next = advance();

      private String advance() {
        while (steps < points.length && seen.size() < members.size()) {
          String owner = owners[i];
          i = (i + 1) % points.length;
          steps++;
          if (seen.add(owner)) return owner;
        }
        return null;
      }

      @Override
      public boolean hasNext() {
        return next != null;
      }

      @Override
      public String next() {
        if (next == null) throw new NoSuchElementException();
        String current = next;
        next = advance();
        return current;
      }
    };
  }

  /** The owner of {@code key} without any bound: plain consistent hashing. */
  public String owner(String key) {
    if (isEmpty()) throw new IllegalStateException("the ring is empty");
    return owners[firstPointAtOrAfter(Hash64.of(key))];
  }

  /**
   * Chooses the edge for {@code key} given each edge's current {@code loads} (missing = 0), capped
   * at {@code ceil(balanceFactor * (total + 1) / n)}, with up to {@code maxAlternates} alternates.
   */
  public RingChoice choose(
      String key, Map<String, Long> loads, double balanceFactor, int maxAlternates) {
    return choose(key, loads, balanceFactor, 1, maxAlternates);
  }

  /**
   * As {@link #choose(String, Map, double, int)}, but no edge counts as full below {@code minCap}.
   * At low load the paper's cap is tiny (one session on each of three edges makes every edge full),
   * which would scatter a title over cold edges exactly when there is capacity to spare; the floor
   * keeps plain consistent hashing until load is worth balancing.
   */
  public RingChoice choose(
      String key, Map<String, Long> loads, double balanceFactor, long minCap, int maxAlternates) {
    if (isEmpty()) throw new IllegalStateException("the ring is empty");
    List<String> walk = walk(key);
    if (walk.size() == 1)
      return new RingChoice(walk.getFirst(), List.of(), RouteReason.ONLY_EDGE, null);
    long cap = Math.max(minCap, cap(loads, balanceFactor));
    List<String> withRoom = new ArrayList<>();
    List<String> full = new ArrayList<>();
    for (String edge : walk) (loads.getOrDefault(edge, 0L) < cap ? withRoom : full).add(edge);
    // Caps sum to at least total + 1, so withRoom is never empty; the fallback only guards odd
    // inputs.
    String chosen = withRoom.isEmpty() ? walk.getFirst() : withRoom.getFirst();
    boolean spilled = !chosen.equals(walk.getFirst());
    List<String> ranked = new ArrayList<>(withRoom);
    ranked.addAll(full);
    ranked.remove(chosen);
    List<String> alternates = ranked.subList(0, Math.min(maxAlternates, ranked.size()));
    return spilled
        ? new RingChoice(chosen, alternates, RouteReason.SPILL_OVER_BOUND, walk.getFirst())
        : new RingChoice(chosen, alternates, RouteReason.CONSISTENT_HASH, null);
  }

  /**
   * The per-edge cap for the next request: {@code ceil(c * (m + 1) / n)}, over this ring's members.
   */
  public long cap(Map<String, Long> loads, double balanceFactor) {
    long total = 0;
    for (String member : members) total += loads.getOrDefault(member, 0L);
    return (long) Math.ceil(balanceFactor * (total + 1) / members.size());
  }

  private int firstPointAtOrAfter(long hash) {
    // Signed order is as good as unsigned for a ring, as long as it is used consistently.
    int i = Arrays.binarySearch(points, hash);
    if (i < 0) i = -i - 1;
    return i == points.length ? 0 : i;
  }
}
