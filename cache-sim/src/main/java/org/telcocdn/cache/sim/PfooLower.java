package org.telcocdn.cache.sim;

import java.util.Arrays;

/**
 * {@code belady-size}: PFOO-L, the practical flow-based lower bound on byte misses of Berger,
 * Beckmann and Harchol-Balter (SIGMETRICS'18), in request-index time.
 *
 * <p>Each pair of consecutive requests for one object is an interval; keeping the object through it
 * costs {@code size × length} byte-requests of cache space and turns the second request into a hit
 * of {@code size} bytes. Any real cache of C bytes spends at most {@code C × N} over a trace of N
 * requests, so granting intervals greedily, shortest first (the most hit bytes per unit of space),
 * until that budget is spent, the last one fractionally, gives at least as many hit bytes as any
 * policy, online or offline: its byte miss ratio is a lower bound. Only intervals that end after
 * the warm-up are granted. Its object miss ratio is that of the same relaxed solution, not a bound.
 */
final class PfooLower {
  private final Trace trace;
  private final int[] next;

  PfooLower(Trace trace, int[] next) {
    this.trace = trace;
    this.next = next;
  }

  Result run(Simulator sim, double fraction) {
    long capacity = sim.capacityOf(fraction);
    int from = sim.measuredFrom();
    long[] intervals = new long[trace.length()];
    int count = 0;
    for (int i = 0; i < trace.length(); i++) {
      int j = next[i];
      if (j >= from && trace.size(j) <= capacity) intervals[count++] = (long) (j - i) << 32 | j;
    }
    Arrays.sort(intervals, 0, count);
    double[] hitShare = new double[trace.length()];
    double budget = (double) capacity * trace.length();
    for (int k = 0; k < count && budget > 0; k++) {
      int j = (int) intervals[k];
      double cost = (double) trace.size(j) * (intervals[k] >>> 32);
      hitShare[j] = Math.min(1, budget / cost);
      budget -= cost;
    }
    Simulator.Counts counts = new Simulator.Counts(trace, from);
    for (int i = 0; i < trace.length(); i++) counts.countPartial(i, hitShare[i]);
    return counts.result("belady-size", fraction, capacity);
  }
}
