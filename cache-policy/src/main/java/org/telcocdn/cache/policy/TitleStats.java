package org.telcocdn.cache.policy;

import java.util.Arrays;

/**
 * Per title: the deepest segment position seen (its length class) and its session starts, counted
 * twice with different aging: {@code recent} halves every {@code period} starts, {@code lasting}
 * {@code slowdown} times more slowly. An open-addressing table of fixed size (2^16 slots, 1.3 MiB):
 * a title that hashes onto an occupied slot takes it over, so in a catalog far larger than the table
 * a rarely watched title may lose its counts to another; popular titles are re-established quickly.
 * One array read per estimate, which is what keeps vpop's eviction sampling cheap.
 */
final class TitleStats {
  private static final int SLOTS = 1 << 16;

  private final long[] titles = new long[SLOTS];
  private final int[] depths = new int[SLOTS];
  private final int[] recent = new int[SLOTS];
  private final int[] lasting = new int[SLOTS];
  private final long period;
  private final long slowdown;
  private final Runnable onLastingHalved;
  private long startsSinceRecent;
  private long startsSinceLasting;

  TitleStats(long period, long slowdown, Runnable onLastingHalved) {
    this.period = period;
    this.slowdown = slowdown;
    this.onLastingHalved = onLastingHalved;
    Arrays.fill(depths, -1);
  }

  /** Records a request for a segment; returns the title's depth so far. */
  int record(long title, int index) {
    int slot = slot(title);
    if (depths[slot] < 0 || titles[slot] != title) {
      titles[slot] = title;
      depths[slot] = index;
      recent[slot] = 0;
      lasting[slot] = 0;
    } else if (index > depths[slot]) {
      depths[slot] = index;
    }
    if (index == 0) start(slot);
    return depths[slot];
  }

  private void start(int slot) {
    recent[slot]++;
    lasting[slot]++;
    if (++startsSinceRecent >= period) {
      startsSinceRecent = 0;
      for (int i = 0; i < SLOTS; i++) recent[i] >>>= 1;
    }
    if (++startsSinceLasting >= period * slowdown) {
      startsSinceLasting = 0;
      for (int i = 0; i < SLOTS; i++) lasting[i] >>>= 1;
      onLastingHalved.run();
    }
  }

  /** The title's share of session starts: the larger of its recent and its lasting share. */
  double startShare(long title) {
    int slot = slot(title);
    if (titles[slot] != title || depths[slot] < 0) return 0;
    double r = recent[slot] / (double) (startsSinceRecent + period / 2);
    double l = lasting[slot] / (double) (startsSinceLasting + period * slowdown / 2);
    return Math.max(r, l); // a new release rises in the recent count first
  }

  int depth(long title) {
    int slot = slot(title);
    return titles[slot] == title ? Math.max(0, depths[slot]) : 0;
  }

  private static int slot(long title) {
    return (int) (Hashes.mix(title) >>> 48);
  }
}
