package org.telcocdn.cache.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import org.telcocdn.cache.allocation.TitleDemand;
import org.telcocdn.cache.policy.SegmentKey;
import org.telcocdn.cache.policy.VideoIds;

/**
 * What the analytics service would report for one window of a site: per title, segment requests,
 * those below the prefix length, and the distinct bytes they asked for (the footprint), all from
 * requests already seen. Title ids are the packed title numbers as decimal strings.
 */
final class WindowDemand {
  private final int prefixSegments;
  private final HashMap<Long, long[]> titles = new HashMap<>();
  private final HashSet<Long> seen = new HashSet<>();

  WindowDemand(int prefixSegments) {
    this.prefixSegments = prefixSegments;
  }

  void record(long id, long size) {
    SegmentKey key = VideoIds.shape(id);
    if (!key.isSegment()) return;
    boolean prefix = key.index() < prefixSegments;
    long[] t = titles.computeIfAbsent(key.title(), k -> new long[4]);
    t[0]++;
    if (prefix) t[1]++;
    if (seen.add(id)) {
      t[2] += size;
      if (prefix) t[3] += size;
    }
  }

  /** The window's demand; clears it for the next window. */
  List<TitleDemand> drain() {
    List<TitleDemand> out = new ArrayList<>(titles.size());
    titles.forEach(
        (title, t) ->
            out.add(
                new TitleDemand(
                    Long.toString(title), t[0], t[1], Math.max(1, t[2]), Math.max(1, t[3]))));
    titles.clear();
    seen.clear();
    return out;
  }
}
