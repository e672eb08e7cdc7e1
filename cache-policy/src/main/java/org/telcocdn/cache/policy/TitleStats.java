package org.telcocdn.cache.policy;

/**
 * Per title: the deepest segment position seen (its length class) and its session starts, counted
 * twice with different aging: {@code recent} halves every {@code period} starts, {@code lasting}
 * {@code slowdown} times more slowly. An open-addressing table of fixed size (2^16 slots, 1 MiB): a
 * title that hashes onto an occupied slot takes it over, so in a catalog far larger than the table
 * a rarely watched title may lose its counts to another; popular titles are re-established quickly.
 * A slot is two adjacent longs, the title and its packed counts, so an estimate costs one cache
 * line: what keeps vpop's eviction sampling cheap.
 */
final class TitleStats {
  private static final int SLOTS = 1 << 16;

  /**
   * Packed counts: depth + 1 (0 = empty slot) in bits 63..42, recent in 41..21, lasting in 20..0.
   */
  private static final int COUNT_BITS = 21;

  private static final long COUNT_MASK = (1L << COUNT_BITS) - 1;
  private static final int MAX_DEPTH = (1 << 22) - 2;

  private final long[] table = new long[SLOTS * 2];
  private final long period;
  private final long slowdown;
  private final Runnable onLastingHalved;
  private long startsSinceRecent;
  private long startsSinceLasting;

  TitleStats(long period, long slowdown, Runnable onLastingHalved) {
    if (period * slowdown * 2 >= COUNT_MASK)
      throw new IllegalArgumentException("counts would overflow " + COUNT_BITS + " bits");
    this.period = period;
    this.slowdown = slowdown;
    this.onLastingHalved = onLastingHalved;
  }

  /** Records a request for a segment; returns the title's depth so far. */
  int record(long title, int index) {
    int at = at(title);
    long counts = table[at + 1];
    int depth = Math.min(index, MAX_DEPTH);
    if (counts == 0 || table[at] != title) {
      table[at] = title;
      counts = pack(depth, 0, 0);
    } else if (depth > depthOf(counts)) {
      counts = pack(depth, recent(counts), lasting(counts));
    }
    if (index == 0) counts = pack(depthOf(counts), recent(counts) + 1, lasting(counts) + 1);
    table[at + 1] = counts;
    if (index == 0) started();
    return depthOf(table[at + 1]);
  }

  private void started() {
    if (++startsSinceRecent >= period) {
      startsSinceRecent = 0;
      for (int i = 1; i < table.length; i += 2)
        table[i] = pack(depthOf(table[i]), recent(table[i]) >>> 1, lasting(table[i]));
    }
    if (++startsSinceLasting >= period * slowdown) {
      startsSinceLasting = 0;
      for (int i = 1; i < table.length; i += 2)
        table[i] = pack(depthOf(table[i]), recent(table[i]), lasting(table[i]) >>> 1);
      onLastingHalved.run();
    }
  }

  /** The title's share of session starts: the larger of its recent and its lasting share. */
  double startShare(long title) {
    int at = at(title);
    long counts = table[at + 1];
    if (counts == 0 || table[at] != title) return 0;
    double r = recent(counts) / (double) (startsSinceRecent + period / 2);
    double l = lasting(counts) / (double) (startsSinceLasting + period * slowdown / 2);
    return Math.max(r, l); // a new release rises in the recent count first
  }

  int depth(long title) {
    int at = at(title);
    long counts = table[at + 1];
    return counts != 0 && table[at] == title ? depthOf(counts) : 0;
  }

  private static long pack(int depth, long recent, long lasting) {
    return (long) (depth + 1) << (2 * COUNT_BITS) | recent << COUNT_BITS | lasting;
  }

  private static int depthOf(long counts) {
    return (int) (counts >>> (2 * COUNT_BITS)) - 1;
  }

  private static long recent(long counts) {
    return (counts >>> COUNT_BITS) & COUNT_MASK;
  }

  private static long lasting(long counts) {
    return counts & COUNT_MASK;
  }

  private static int at(long title) {
    return (int) (Hashes.mix(title) >>> 48) * 2;
  }
}
