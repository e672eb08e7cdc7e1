package org.telcocdn.analytics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Space-Saving summary (Metwally, Agrawal, El Abbadi, 2005): at most {@code capacity} counters;
 * an unseen key takes over the smallest counter and inherits its count as its error bound. Every
 * key whose true count exceeds N / capacity is present, and a counter overestimates by at most its
 * {@code error}. Summaries of time buckets merge by adding counters (Agarwal et al., mergeable
 * summaries), which is how {@link WindowedTopK} answers a sliding window.
 *
 * <p>Public fields so the summary goes into the analytics snapshot as plain JSON.
 */
public final class SpaceSaving {
  public int capacity;
  public Map<String, long[]> counters = new HashMap<>();

  public SpaceSaving() {}

  public SpaceSaving(int capacity) {
    this.capacity = capacity;
  }

  /** A title's estimate, count and error. */
  public record Entry(String key, long count, long error) {}

  public void add(String key, long weight) {
    long[] c = counters.get(key);
    if (c != null) {
      c[0] += weight;
      return;
    }
    if (counters.size() < capacity) {
      counters.put(key, new long[] {weight, 0});
      return;
    }
    String victim = smallest();
    long[] v = counters.remove(victim);
    counters.put(key, new long[] {v[0] + weight, v[0]});
  }

  /** A linear scan: evictions happen for the long tail only, and capacity is about a thousand. */
  private String smallest() {
    String min = null;
    long minCount = Long.MAX_VALUE;
    for (Map.Entry<String, long[]> e : counters.entrySet()) {
      if (e.getValue()[0] < minCount) {
        minCount = e.getValue()[0];
        min = e.getKey();
      }
    }
    return min;
  }

  public void mergeInto(Map<String, long[]> sum) {
    counters.forEach(
        (k, c) -> sum.merge(k, c.clone(), (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]}));
  }

  public List<Entry> top(int k) {
    return top(counters, k);
  }

  static List<Entry> top(Map<String, long[]> counters, int k) {
    List<Entry> all = new ArrayList<>(counters.size());
    counters.forEach((key, c) -> all.add(new Entry(key, c[0], c[1])));
    all.sort(Comparator.comparingLong(Entry::count).reversed().thenComparing(Entry::key));
    return all.size() > k ? List.copyOf(all.subList(0, k)) : all;
  }
}
