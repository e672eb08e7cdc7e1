package org.telcocdn.predict.eval;

import java.util.HashMap;
import java.util.List;
import org.telcocdn.cache.sim.FlashCrowd;

/**
 * The spike windows of a trace's labels: from a crowd's onset to {@value #SECONDS} s after, per
 * site and title, where the issue measures what prediction saves. A prefetch belongs to a crowd's
 * window when it happens from {@value EventMatch#EARLY_SECONDS} s before the onset to the window's
 * end (an alarm may count that early), so its bytes are charged to the crowd it was made for.
 */
final class SpikeWindows {
  static final int SECONDS = 600;

  private final HashMap<Long, long[]> onsets = new HashMap<>();

  SpikeWindows(List<FlashCrowd> labels, long from) {
    HashMap<Long, List<Long>> byKey = new HashMap<>();
    for (FlashCrowd l : labels) {
      if (l.onset() < from) continue;
      byKey
          .computeIfAbsent(key(l.site(), l.title()), k -> new java.util.ArrayList<>())
          .add(l.onset());
    }
    byKey.forEach(
        (k, v) -> onsets.put(k, v.stream().mapToLong(Long::longValue).sorted().toArray()));
  }

  static long key(int site, long title) {
    return (long) site << 40 | title;
  }

  /**
   * Whether a request of the title at the site at {@code time} falls in one of its crowds' windows.
   */
  boolean inWindow(int site, long title, long time) {
    return within(site, title, time, 0);
  }

  /** Whether a prefetch at {@code time} is made for one of the title's crowds at the site. */
  boolean forCrowd(int site, long title, long time) {
    return within(site, title, time, EventMatch.EARLY_SECONDS);
  }

  private boolean within(int site, long title, long time, int early) {
    long[] at = onsets.get(key(site, title));
    if (at == null) return false;
    for (long onset : at) if (time >= onset - early && time < onset + SECONDS) return true;
    return false;
  }

  /** How many crowds there are (those with an onset in the scored period). */
  int count() {
    return onsets.values().stream().mapToInt(a -> a.length).sum();
  }
}
