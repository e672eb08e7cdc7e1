package org.telcocdn.cache.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.telcocdn.cache.policy.CachePolicy;
import org.telcocdn.cache.policy.PolicyName;
import org.telcocdn.cache.policy.VideoIds;

/**
 * Replays a trace through the real policy classes. The first {@code warmup} share of requests fills
 * the cache and is not counted; every later request counts as a hit or a miss, in objects and in
 * bytes. Sizes are fractions of the trace's working set (its distinct objects' bytes).
 */
public final class Simulator {
  private static final Consumer<Long> DROP = k -> {};

  private final Trace trace;
  private final double warmup;

  public Simulator(Trace trace, double warmup) {
    if (warmup < 0 || warmup >= 1)
      throw new IllegalArgumentException("warm-up must be in [0, 1), was " + warmup);
    this.trace = trace;
    this.warmup = warmup;
  }

  /** Index of the first counted request. */
  public int measuredFrom() {
    return (int) (trace.length() * warmup);
  }

  public long capacityOf(double fraction) {
    return Math.max(1, Math.round(trace.workingSetBytes() * fraction));
  }

  /** Every policy at every size, then the bounds {@code belady} and {@code belady-size}. */
  public List<Result> run(List<String> policies, List<Double> fractions) {
    List<Result> results = new ArrayList<>();
    int[] next = null;
    for (double f : fractions) {
      for (String p : policies) {
        switch (p) {
          case "belady" ->
              results.add(
                  new Belady(trace, next = next != null ? next : trace.nextUse()).run(this, f));
          case "belady-size" ->
              results.add(
                  new PfooLower(trace, next = next != null ? next : trace.nextUse()).run(this, f));
          default ->
              results.add(
                  run(
                      PolicyName.of(p)
                          .create(capacityOf(f), trace.meanObjectSize(), VideoIds.SHAPE),
                      f));
        }
      }
    }
    return results;
  }

  public Result run(CachePolicy<Long> policy, double fraction) {
    Counts counts = new Counts(trace, measuredFrom());
    for (int i = 0; i < trace.length(); i++) {
      Long id = trace.id(i);
      boolean hit = policy.contains(id);
      if (hit) {
        policy.onHit(id);
      } else {
        policy.onMiss(id, trace.size(i), DROP);
      }
      counts.count(i, hit);
    }
    return counts.result(policy.name(), fraction, policy.capacityBytes());
  }

  /** Hits and misses after the warm-up, bytes also per class (segments, other objects). */
  static final class Counts {
    private static final int SEGMENTS = 0;
    private static final int OTHERS = 1;

    private final Trace trace;
    private final int from;
    private long requests;
    private double missedObjects;
    private final long[] bytes = new long[2];
    private final double[] missedBytes = new double[2];

    Counts(Trace trace, int from) {
      this.trace = trace;
      this.from = from;
    }

    void count(int i, boolean hit) {
      countPartial(i, hit ? 1 : 0);
    }

    /** For bounds that serve a fraction of a request from cache. */
    void countPartial(int i, double hitShare) {
      if (i < from) return;
      int kind = VideoIds.isSegment(trace.id(i)) ? SEGMENTS : OTHERS;
      long size = trace.size(i);
      requests++;
      bytes[kind] += size;
      missedObjects += 1 - hitShare;
      missedBytes[kind] += size * (1 - hitShare);
    }

    Result result(String policy, double fraction, long capacity) {
      double missed = missedBytes[SEGMENTS] + missedBytes[OTHERS];
      long all = bytes[SEGMENTS] + bytes[OTHERS];
      return new Result(
          policy,
          fraction,
          capacity,
          missedObjects / Math.max(1, requests),
          missed / Math.max(1, all),
          ratio(SEGMENTS),
          ratio(OTHERS));
    }

    private double ratio(int kind) {
      return bytes[kind] == 0 ? Double.NaN : missedBytes[kind] / bytes[kind];
    }
  }
}
