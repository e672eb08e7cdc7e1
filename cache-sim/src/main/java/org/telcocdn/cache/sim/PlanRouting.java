package org.telcocdn.cache.sim;

import java.util.HashMap;
import java.util.List;
import org.telcocdn.cache.allocation.EdgePlan;
import org.telcocdn.cache.allocation.SitePlan;
import org.telcocdn.cache.policy.SegmentKey;
import org.telcocdn.cache.policy.VideoIds;

/**
 * How edges honour a pushed allocation, as the simulator models it (docs/controller.md). A title's
 * owner is the one edge that keeps it whole while the others keep its prefix (the head), or the one
 * edge not told "elsewhere" (every other title the plan names).
 *
 * <ul>
 *   <li>a title the plan does not name: the edge's own policy decides, as without a controller;
 *   <li>a title kept <b>whole</b> here: offered to the edge's own policy;
 *   <li>a <b>prefix</b> title: segments below the prefix length are offered to the policy, later
 *       ones are not stored here;
 *   <li>an <b>elsewhere</b> title: never stored here, and what this edge held of it is dropped when
 *       the plan arrives (when {@code dropElsewhere});
 *   <li>on a miss at a viewer's edge that is not the title's owner, the owner serves (peer fill; it
 *       stores under its own rule for the title): a hit there is a peer hit.
 * </ul>
 */
final class PlanRouting {
  static final int MISS = 0;
  static final int LOCAL_HIT = 1;
  static final int PEER_HIT = 2;

  private static final byte UNLISTED = 0;
  private static final byte WHOLE = 1;
  private static final byte PREFIX = 2;
  private static final byte ELSEWHERE = 3;

  private record Rule(byte[] codes, int owner) {}

  private final SiteCaches caches;
  private final int prefixSegments;
  private HashMap<Long, Rule> rules = new HashMap<>();

  private final boolean dropElsewhere;

  /**
   * @param dropElsewhere whether an edge removes what a new plan says a peer holds
   */
  PlanRouting(SiteCaches caches, int prefixSegments, boolean dropElsewhere) {
    this.caches = caches;
    this.prefixSegments = prefixSegments;
    this.dropElsewhere = dropElsewhere;
  }

  /**
   * Takes a new plan whose edges are named {@code e0 .. e(n-1)}, titles by decimal title number.
   */
  void apply(SitePlan plan) {
    HashMap<Long, Rule> next = new HashMap<>();
    List<EdgePlan> edges = plan.edges();
    for (int e = 0; e < edges.size(); e++) {
      EdgePlan p = edges.get(e);
      for (String t : p.whole()) rule(next, t, edges.size()).codes[e] = WHOLE;
      for (String t : p.prefix()) rule(next, t, edges.size()).codes[e] = PREFIX;
      for (String t : p.elsewhere()) rule(next, t, edges.size()).codes[e] = ELSEWHERE;
    }
    for (var entry : next.entrySet()) {
      byte[] codes = entry.getValue().codes;
      entry.setValue(new Rule(codes, owner(codes)));
      for (int e = 0; e < codes.length && dropElsewhere; e++)
        if (codes[e] == ELSEWHERE) caches.dropTitle(e, entry.getKey());
    }
    rules = next;
  }

  private static Rule rule(HashMap<Long, Rule> rules, String title, int edges) {
    return rules.computeIfAbsent(Long.parseLong(title), t -> new Rule(new byte[edges], -1));
  }

  /** The owner of a title, or -1 when the plan does not make one edge its source. */
  private static int owner(byte[] codes) {
    int elsewhere = 0;
    int prefix = 0;
    int notElsewhere = -1;
    int whole = -1;
    for (int e = 0; e < codes.length; e++) {
      if (codes[e] == ELSEWHERE) elsewhere++;
      else notElsewhere = e;
      if (codes[e] == PREFIX) prefix++;
      if (codes[e] == WHOLE) whole = e;
    }
    if (elsewhere == codes.length - 1) return notElsewhere;
    return prefix == codes.length - 1 && whole >= 0 ? whole : -1;
  }

  /** Serves one request of a viewer attached to {@code edge}. */
  int serve(int edge, long id, long size) {
    SegmentKey key = VideoIds.shape(id);
    Rule rule = rules.get(key.title());
    if (rule == null) return caches.access(edge, id, size, true) ? LOCAL_HIT : MISS;
    if (caches.access(edge, id, size, admits(rule.codes[edge], key))) return LOCAL_HIT;
    if (rule.owner < 0 || rule.owner == edge) return MISS;
    return caches.access(rule.owner, id, size, admits(rule.codes[rule.owner], key))
        ? PEER_HIT
        : MISS;
  }

  private boolean admits(byte code, SegmentKey key) {
    return code == WHOLE || code == UNLISTED || (code == PREFIX && key.index() < prefixSegments);
  }
}
