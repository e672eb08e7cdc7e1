package org.telcocdn.cache.policy;

/**
 * A count-min sketch of 4 rows with conservative update and aging: after {@code period} increments
 * every counter is halved, so estimates follow popularity as it changes (TinyLFU's reset). Counters
 * are ints, not Caffeine's 4 bits, because title-level counts reach thousands.
 */
final class FrequencySketch {
  private static final long[] SEEDS = {0x97CB3127L, 0xA13F6E29L, 0x61C88647L, 0x2545F491L};

  private final int[] table;
  private final int mask;
  private final long period;
  private long additions;
  private final Runnable onHalving;

  FrequencySketch(int expectedKeys, long period, Runnable onHalving) {
    int width = Integer.highestOneBit(Math.max(1024, Math.min(1 << 24, expectedKeys)) * 2 - 1);
    this.table = new int[width * 4];
    this.mask = width - 1;
    this.period = period;
    this.onHalving = onHalving;
  }

  int estimate(long hash) {
    int min = Integer.MAX_VALUE;
    for (int row = 0; row < 4; row++) min = Math.min(min, table[slot(hash, row)]);
    return min;
  }

  void increment(long hash) {
    int min = estimate(hash);
    for (int row = 0; row < 4; row++) {
      int i = slot(hash, row);
      if (table[i] == min) table[i]++;
    }
    if (++additions >= period) halve();
  }

  /** Events the counts currently stand for: the ones since the last halving plus half the period. */
  long window() {
    return additions + period / 2;
  }

  private int slot(long hash, int row) {
    long h = (hash ^ SEEDS[row]) * 0x9E3779B97F4A7C15L;
    return row * (mask + 1) + (int) ((h >>> 32) & mask);
  }

  private void halve() {
    additions = 0;
    for (int i = 0; i < table.length; i++) table[i] >>>= 1;
    onHalving.run();
  }
}
