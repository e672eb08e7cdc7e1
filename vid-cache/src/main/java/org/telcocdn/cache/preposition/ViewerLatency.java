package org.telcocdn.cache.preposition;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Viewers' time to first byte, the last {@link #SAMPLES} object responses with when they were seen:
 * recorded by the access-log handler on the event loop (two array writes and an increment), read by
 * {@link ViewerLoad} as the p99 of the last second. A slot being overwritten while read can pair a
 * value with a neighbour's time; for a back-off signal that is noise, not harm.
 */
public final class ViewerLatency {
  static final int SAMPLES = 1024;
  private static final int MIN_SAMPLES = 20;

  private final AtomicLongArray values = new AtomicLongArray(SAMPLES);
  private final AtomicLongArray times = new AtomicLongArray(SAMPLES);
  private final AtomicLong next = new AtomicLong();

  public void record(long ttfbNanos, long atNanos) {
    int slot = (int) (next.getAndIncrement() & (SAMPLES - 1));
    values.set(slot, ttfbNanos);
    times.set(slot, atNanos);
  }

  /**
   * The p99 of the responses seen within {@code windowNanos} before {@code nowNanos}; -1 with fewer
   * than 20 of them (too few to say).
   */
  long p99(long nowNanos, long windowNanos) {
    long[] recent = new long[SAMPLES];
    int n = 0;
    long written = Math.min(next.get(), SAMPLES);
    for (int i = 0; i < written; i++) {
      if (nowNanos - times.get(i) <= windowNanos) recent[n++] = values.get(i);
    }
    if (n < MIN_SAMPLES) return -1;
    Arrays.sort(recent, 0, n);
    return recent[(int) Math.ceil(0.99 * n) - 1];
  }
}
