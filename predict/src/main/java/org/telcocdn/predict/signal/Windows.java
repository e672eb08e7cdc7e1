package org.telcocdn.predict.signal;

import java.util.Arrays;

/**
 * Per-slot counters of {@link EdgeSignals}: the current tick's bins, and exponentially decayed
 * counts over about 10 s, 1 min and 10 min, folded at the end of each tick in which the title was
 * requested (the decay of the idle ticks between is applied then, in one step).
 *
 * <p>A decayed count {@code c} of a steady rate of {@code x} requests a tick settles at {@code x /
 * (1 - keep)}, so {@code c * (1 - keep)} ticks back to a rate ({@link #PER_MINUTE}).
 */
final class Windows {
  static final double[] SECONDS = {10, 60, 600};
  static final double[] KEEP = new double[SECONDS.length];
  static final double[] PER_MINUTE = new double[SECONDS.length];
  static final int FIRST = 0;
  static final int LIVE = 1;
  static final int STARTUP = 2;

  static {
    for (int w = 0; w < SECONDS.length; w++) {
      KEEP[w] = Math.exp(-EdgeSignals.TICK_SECONDS / SECONDS[w]);
      PER_MINUTE[w] = (1 - KEEP[w]) * 60.0 / EdgeSignals.TICK_SECONDS;
    }
  }

  private final int[] binRequests;
  private final int[] binStarts;
  private final int[] binKinds;
  private final long[] binBuffer;
  private final int[] lastBin;
  private final long[] lastGap;
  private final double[] requests;
  private final double[] starts;

  /** Per slot: decayed 1-minute counts of first-position, CMCD live and CMCD start-up requests. */
  private final double[] kinds;

  private final double[] buffer;
  private final double[] buffered;

  Windows(int capacity) {
    int w = SECONDS.length;
    binRequests = new int[capacity];
    binStarts = new int[capacity];
    binKinds = new int[3 * capacity];
    binBuffer = new long[2 * capacity];
    lastBin = new int[capacity];
    lastGap = new long[capacity];
    requests = new double[w * capacity];
    starts = new double[w * capacity];
    kinds = new double[3 * capacity];
    buffer = new double[capacity];
    buffered = new double[capacity];
  }

  void clear(int slot) {
    binRequests[slot] = binStarts[slot] = lastBin[slot] = 0;
    lastGap[slot] = 0;
    Arrays.fill(binKinds, 3 * slot, 3 * slot + 3, 0);
    binBuffer[2 * slot] = binBuffer[2 * slot + 1] = 0;
    int w = SECONDS.length;
    Arrays.fill(requests, w * slot, w * slot + w, 0);
    Arrays.fill(starts, w * slot, w * slot + w, 0);
    Arrays.fill(kinds, 3 * slot, 3 * slot + 3, 0);
    buffer[slot] = buffered[slot] = 0;
  }

  void count(int slot, boolean start, boolean first, EdgeSignals.Cmcd cmcd) {
    binRequests[slot]++;
    if (start) binStarts[slot]++;
    if (first) binKinds[3 * slot + FIRST]++;
    if (cmcd == null) return;
    if (cmcd.live()) binKinds[3 * slot + LIVE]++;
    if (cmcd.startup()) binKinds[3 * slot + STARTUP]++;
    if (cmcd.bufferMillis() >= 0) {
      binBuffer[2 * slot] += cmcd.bufferMillis();
      binBuffer[2 * slot + 1]++;
    }
  }

  /**
   * Decays the slot's counts over {@code ticks} ticks (the last one included) and adds the bins.
   */
  void fold(int slot, long ticks) {
    int w = SECONDS.length;
    for (int i = 0; i < w; i++) {
      double keep = ticks == 1 ? KEEP[i] : Math.exp(-ticks * EdgeSignals.TICK_SECONDS / SECONDS[i]);
      requests[w * slot + i] = requests[w * slot + i] * keep + binRequests[slot];
      starts[w * slot + i] = starts[w * slot + i] * keep + binStarts[slot];
    }
    double minute = ticks == 1 ? KEEP[1] : Math.exp(-ticks * EdgeSignals.TICK_SECONDS / SECONDS[1]);
    for (int k = 0; k < 3; k++) {
      kinds[3 * slot + k] = kinds[3 * slot + k] * minute + binKinds[3 * slot + k];
      binKinds[3 * slot + k] = 0;
    }
    buffer[slot] = buffer[slot] * minute + binBuffer[2 * slot];
    buffered[slot] = buffered[slot] * minute + binBuffer[2 * slot + 1];
    binBuffer[2 * slot] = binBuffer[2 * slot + 1] = 0;
    lastBin[slot] = binRequests[slot];
    lastGap[slot] = ticks;
    binRequests[slot] = binStarts[slot] = 0;
  }

  double requestsPerMinute(int slot, int window) {
    return requests[SECONDS.length * slot + window] * PER_MINUTE[window];
  }

  double startsPerMinute(int slot, int window) {
    return starts[SECONDS.length * slot + window] * PER_MINUTE[window];
  }

  /**
   * The share of the last minute's requests of one kind ({@link #FIRST}, {@link #LIVE}, {@link
   * #STARTUP}).
   */
  double shareOfMinute(int slot, int kind) {
    double all = requests[SECONDS.length * slot + 1];
    return all <= 0 ? 0 : Math.min(1, kinds[3 * slot + kind] / all);
  }

  double meanBufferMillis(int slot) {
    return buffered[slot] <= 0 ? 0 : buffer[slot] / buffered[slot];
  }

  int lastBin(int slot) {
    return lastBin[slot];
  }

  long lastGap(int slot) {
    return lastGap[slot];
  }
}
