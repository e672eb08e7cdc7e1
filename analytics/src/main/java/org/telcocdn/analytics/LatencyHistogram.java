package org.telcocdn.analytics;

import java.util.Arrays;

/**
 * A distribution of latencies for percentiles: counts in buckets that grow by 2^(1/4) (about 19 %),
 * so a percentile is known within about ±9 % of its value at any scale, microseconds to minutes, in
 * under a hundred longs (10 s in microseconds is bucket 94). A mean hides what an operator needs: a
 * few stalled fills make a 2 ms edge look like a 60 ms one, while its p50 stays at 2 ms and its p95
 * shows the tail. Buckets add and subtract exactly, so a start-up estimate can be replaced by the
 * player's own figure. Bucket 0 holds zero (and negative) values; bucket i ≥ 1 holds [2^((i-1)/4),
 * 2^(i/4)). Public field so it goes into the snapshot as plain JSON.
 */
public final class LatencyHistogram {
  private static final int PER_OCTAVE = 4;

  public long[] counts = new long[0];

  public void add(long value) {
    change(value, 1);
  }

  /** Takes back a value added before (a replaced estimate). */
  public void remove(long value) {
    change(value, -1);
  }

  /**
   * The value below which a share {@code q} (0 to 1) of the values lie: the geometric middle of its
   * bucket (0 for bucket 0); null when there are no values.
   */
  public Double percentile(double q) {
    long total = Arrays.stream(counts).sum();
    if (total <= 0) return null;
    long rank = Math.max(1, (long) Math.ceil(q * total));
    long seen = 0;
    for (int i = 0; i < counts.length; i++) {
      seen += counts[i];
      if (seen >= rank) return i == 0 ? 0.0 : Math.pow(2, (i - 0.5) / PER_OCTAVE);
    }
    throw new IllegalStateException("rank " + rank + " beyond " + total + " values");
  }

  static int bucket(long value) {
    if (value <= 0) return 0;
    int i = 1 + (int) Math.floor(PER_OCTAVE * Math.log(value) / Math.log(2));
    // floating point can land a power of 2^(1/4) one bucket low; the bounds are what the doc says
    return Math.pow(2, i / (double) PER_OCTAVE) <= value ? i + 1 : i;
  }

  private void change(long value, int delta) {
    int i = bucket(value);
    if (i >= counts.length) counts = Arrays.copyOf(counts, i + 1);
    counts[i] = Math.max(0, counts[i] + delta);
  }
}
