package org.telcocdn.analytics;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Top-K titles over sliding windows, overall and per site: one {@link SpaceSaving} per time bucket
 * and scope, merged at query time. Time is the records' own (event time), so a replayed log gives
 * the same answer; buckets older than the longest window are dropped.
 */
public final class WindowedTopK {
  public static final String ALL = "*";

  public long bucketMillis;
  public long keepMillis;
  public int capacity;
  public long latest;

  /** scope → bucket start → summary. */
  public Map<String, TreeMap<Long, SpaceSaving>> scopes = new HashMap<>();

  public WindowedTopK() {}

  public WindowedTopK(long bucketMillis, long keepMillis, int capacity) {
    this.bucketMillis = bucketMillis;
    this.keepMillis = keepMillis;
    this.capacity = capacity;
  }

  public void add(long time, String site, String title) {
    latest = Math.max(latest, time);
    long bucket = time - Math.floorMod(time, bucketMillis);
    bucket(ALL, bucket).add(title, 1);
    if (site != null) bucket(site, bucket).add(title, 1);
  }

  private SpaceSaving bucket(String scope, long start) {
    TreeMap<Long, SpaceSaving> buckets = scopes.computeIfAbsent(scope, s -> new TreeMap<>());
    SpaceSaving s = buckets.computeIfAbsent(start, b -> new SpaceSaving(capacity));
    if (buckets.size() > keepMillis / bucketMillis + 1)
      buckets.headMap(latest - keepMillis - bucketMillis).clear();
    return s;
  }

  /**
   * The top {@code k} of {@code scope} ({@link #ALL} or a site) over the last {@code windowMillis}.
   */
  public List<SpaceSaving.Entry> top(String scope, long windowMillis, int k) {
    Map<String, long[]> sum = new HashMap<>();
    TreeMap<Long, SpaceSaving> buckets = scopes.getOrDefault(scope, new TreeMap<>());
    // a bucket [start, start + width) overlaps the window (latest - window, latest] when start >
    // latest - window - width
    buckets
        .tailMap(latest - windowMillis - bucketMillis, false)
        .values()
        .forEach(s -> s.mergeInto(sum));
    return SpaceSaving.top(sum, k);
  }

  /** Requests per bucket for the given titles: the popularity-over-time chart. */
  public Map<Long, Map<String, Long>> series(List<String> titles) {
    Map<Long, Map<String, Long>> out = new LinkedHashMap<>();
    scopes
        .getOrDefault(ALL, new TreeMap<>())
        .forEach(
            (start, s) -> {
              Map<String, Long> counts = new LinkedHashMap<>();
              for (String t : titles) {
                long[] c = s.counters.get(t);
                counts.put(t, c == null ? 0 : c[0]);
              }
              out.put(start, counts);
            });
    return out;
  }

  public List<String> sites() {
    return scopes.keySet().stream().filter(s -> !ALL.equals(s)).sorted().toList();
  }
}
