package org.telcocdn.cache.policy.jmh;

import org.telcocdn.cache.policy.CachePolicy;
import org.telcocdn.cache.policy.PolicyName;
import org.telcocdn.cache.policy.VideoIds;

/**
 * Heap bytes per cached object, by heap delta: the used heap after a full GC, before and after one
 * policy admits {@code n} objects whose keys were allocated beforehand (so the keys themselves are
 * not counted; only the policy's own structures are). Run with a fixed heap (-Xms = -Xmx) and
 * -XX:+UseSerialGC for a steadier reading.
 *
 * <p>Arguments: {@code n} (default 1,000,000), the policies to measure (default all), and {@code
 * mixed} to admit segments and other objects in turn into a budget of {@code n / 2}, so that half
 * of them are evicted and the ghosts fill up (the steady state of an edge serving both).
 */
public final class PolicyFootprint {
  private PolicyFootprint() {}

  /** Holds the policy being measured; cleared before the next one so its heap is not counted. */
  private static CachePolicy<Long> held;

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    boolean mixed = args.length > 2 && args[2].equals("mixed");
    Long[] keys = new Long[n];
    for (int i = 0; i < n; i++)
      keys[i] = mixed && i % 2 == 1 ? (long) i : VideoIds.pack(i / 1000, i % 5, i % 1000);
    for (PolicyName name : PolicyName.values()) {
      if (args.length > 1 && !args[1].contains(name.label())) continue;
      held = null;
      long before = usedAfterGc();
      held = name.create(mixed ? n / 2 : n, 1, VideoIds.SHAPE);
      for (Long key : keys) held.onMiss(key, 1, victim -> {});
      long after = usedAfterGc();
      held.onMiss(-1L, 1, victim -> {}); // keeps the policy reachable until after the measurement
      System.out.printf(
          "%-9s %,d objects: %.1f bytes per cached object (heap delta %,d bytes)%n",
          name.label(),
          held.objectCount(),
          (after - before) / (double) held.objectCount(),
          after - before);
    }
  }

  private static long usedAfterGc() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) System.gc();
    return rt.totalMemory() - rt.freeMemory();
  }
}
