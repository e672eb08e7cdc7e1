package org.telcocdn.cache.allocation;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.telcocdn.cache.policy.Hashes;

/**
 * Weighted rendezvous (highest random weight) hashing: every edge scores a title with {@code
 * -capacity / ln(u)}, u a hash of (title, edge) in (0, 1); the ranking is stable when an edge joins
 * or leaves (only its titles move) and each edge wins titles in proportion to its capacity. A
 * ranked list: when an edge leaves, its titles go to their next edge. The controller's placement
 * uses it per title; a vid-cache edge ranks the caches of a parent site per object with it
 * (docs/topology.md, "Cache tiers").
 */
public final class Rendezvous {
  private Rendezvous() {}

  public static List<EdgeSlot> rank(String title, List<EdgeSlot> edges) {
    long t = Hashes.of(title);
    double[] score = new double[edges.size()];
    for (int i = 0; i < score.length; i++) score[i] = score(t, edges.get(i));
    Integer[] order = new Integer[score.length];
    for (int i = 0; i < order.length; i++) order[i] = i;
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> score[i]).reversed());
    return Arrays.stream(order).map(edges::get).toList();
  }

  private static double score(long title, EdgeSlot edge) {
    long h = Hashes.mix(title ^ Hashes.of(edge.name()));
    double u = ((h >>> 11) + 0.5) * 0x1.0p-53;
    return -edge.capacityBytes() / Math.log(u);
  }
}
