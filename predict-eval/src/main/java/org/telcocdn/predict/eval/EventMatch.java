package org.telcocdn.predict.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.telcocdn.cache.sim.FlashCrowd;

/**
 * Scores alarms against the labels. An alarm counts for a flash crowd of the same title at the same
 * site if it fires between {@value #EARLY_SECONDS} s before the onset and {@value #LATE_SECONDS} s
 * after it; it is a false alarm if it counts for none. A crowd is detected if an alarm counts for
 * it, with the earliest such alarm's lead (onset minus alarm time; negative when late). Precision
 * is alarms that count over all alarms, recall detected crowds over crowds.
 *
 * <p>Only the scored period counts, so that every method has had the same history before it: alarms
 * from {@code from} to {@code to}, and crowds whose window lies in it (onset at least {@value
 * #EARLY_SECONDS} s after {@code from}); an alarm in the window of a crowd left out is neither
 * right nor wrong. False alarms are per site-hour of the scored period.
 */
public final class EventMatch {
  public static final int EARLY_SECONDS = 300;
  public static final int LATE_SECONDS = 30;

  private final HashMap<Long, List<FlashCrowd>> byTitle = new HashMap<>();
  private final long from;
  private final long to;
  private final int sites;

  public EventMatch(List<FlashCrowd> labels, long from, long to, int sites) {
    this.from = from;
    this.to = to;
    this.sites = sites;
    for (FlashCrowd l : labels)
      byTitle.computeIfAbsent(key(l.site(), l.title()), k -> new ArrayList<>()).add(l);
  }

  private static long key(int site, long title) {
    return (long) site << 32 | title;
  }

  private boolean scored(FlashCrowd l) {
    return l.onset() - EARLY_SECONDS >= from && l.onset() <= to;
  }

  public Detection score(Method method, double threshold, List<Alarm> alarms) {
    HashMap<FlashCrowd, Long> first = new HashMap<>();
    int counted = 0;
    int falseAlarms = 0;
    for (Alarm a : alarms) {
      if (a.time() < from || a.time() > to) continue;
      FlashCrowd hit = null;
      for (FlashCrowd l : byTitle.getOrDefault(key(a.site(), a.title()), List.of())) {
        if (a.time() >= l.onset() - EARLY_SECONDS && a.time() <= l.onset() + LATE_SECONDS) hit = l;
      }
      if (hit == null) {
        falseAlarms++;
        counted++;
      } else if (scored(hit)) {
        counted++;
        first.merge(hit, a.time(), Math::min);
      }
    }
    int events = (int) byTitle.values().stream().flatMap(List::stream).filter(this::scored).count();
    double[] leads =
        first.entrySet().stream()
            .mapToDouble(e -> e.getKey().onset() - e.getValue())
            .sorted()
            .toArray();
    double precision = counted == 0 ? 0 : (counted - falseAlarms) / (double) counted;
    double recall = events == 0 ? 0 : first.size() / (double) events;
    double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    double siteHours = sites * Math.max(1, to - from) / 3600.0;
    return new Detection(
        method,
        threshold,
        events,
        first.size(),
        counted,
        falseAlarms,
        precision,
        recall,
        f1,
        quantile(leads, 0.5),
        quantile(leads, 0.1),
        falseAlarms / siteHours);
  }

  /** Nearest-rank quantile of sorted values; NaN when there are none. */
  static double quantile(double[] sorted, double q) {
    if (sorted.length == 0) return Double.NaN;
    int rank = (int) Math.ceil(q * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }
}
