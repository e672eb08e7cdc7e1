package org.telcocdn.predict.signal;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * What the sites tell each other about titles, through the controller: each edge reports the
 * new-session rate of every title it sees starting at least {@value #REPORT_FLOOR} sessions a
 * minute, and every {@code periodSeconds} the controller relays the digest to every edge. A crowd
 * often starts at one site before another (a viral clip reaches other sites minutes later; a
 * release or a live event starts everywhere at once, where a second site's rise confirms a weak
 * first one), and a site cannot see that in its own requests. Only aggregates cross: a title, a
 * site and a rate, never a request.
 *
 * <p>An edge reads, per title, the highest rate at <em>another</em> site as last relayed ({@link
 * #startsElsewhere}) and the highest such rate over about the last half hour, decayed with its age
 * ({@link #peakElsewhere}). Memory: one entry per title reported in the last hour (reports below
 * the floor are not kept), swept at every relay.
 */
public final class CrossSite {
  /** New sessions a minute below which a title is not reported: a few viewers are not news. */
  public static final double REPORT_FLOOR = 0.5;

  private static final double PEAK_MEMORY_SECONDS = 1800;
  private static final long FORGET_SECONDS = 3600;

  /** Per site: the latest reported rate, its time, the decayed peak and its time. */
  private static final class Entry {
    final double[] rate;
    final long[] at;
    final double[] peak;
    final long[] peakAt;

    Entry(int sites) {
      rate = new double[sites];
      at = new long[sites];
      peak = new double[sites];
      peakAt = new long[sites];
    }

    Entry copy() {
      Entry e = new Entry(rate.length);
      System.arraycopy(rate, 0, e.rate, 0, rate.length);
      System.arraycopy(at, 0, e.at, 0, at.length);
      System.arraycopy(peak, 0, e.peak, 0, peak.length);
      System.arraycopy(peakAt, 0, e.peakAt, 0, peakAt.length);
      return e;
    }
  }

  private final int sites;
  private final int periodSeconds;
  private final HashMap<Long, Entry> reported = new HashMap<>();
  private HashMap<Long, Entry> relayed = new HashMap<>();
  private long nextRelay = Long.MIN_VALUE;

  public CrossSite(int sites, int periodSeconds) {
    if (sites < 1 || periodSeconds < 1)
      throw new IllegalArgumentException(
          "sites and the relay period must be positive, were " + sites + ", " + periodSeconds);
    this.sites = sites;
    this.periodSeconds = periodSeconds;
  }

  /**
   * An edge of {@code site} saw {@code title} start {@code startsPerMinute} new sessions a minute
   * at {@code now}.
   */
  public void report(int site, long title, long now, double startsPerMinute) {
    if (startsPerMinute < REPORT_FLOOR) return;
    Entry e = reported.computeIfAbsent(title, t -> new Entry(sites));
    e.rate[site] = startsPerMinute;
    e.at[site] = now;
    if (decayed(e.peak[site], now - e.peakAt[site]) <= startsPerMinute) {
      e.peak[site] = startsPerMinute;
      e.peakAt[site] = now;
    }
  }

  /**
   * The controller's relay: at most once a period, what edges read becomes what was reported by
   * {@code now}.
   */
  public void relay(long now) {
    if (nextRelay == Long.MIN_VALUE) nextRelay = now;
    if (now < nextRelay) return;
    nextRelay = now + periodSeconds;
    HashMap<Long, Entry> copy = new HashMap<>(reported.size() * 2);
    for (Iterator<Map.Entry<Long, Entry>> it = reported.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<Long, Entry> e = it.next();
      if (now - latest(e.getValue()) > FORGET_SECONDS) it.remove();
      else copy.put(e.getKey(), e.getValue().copy());
    }
    relayed = copy;
  }

  /**
   * The highest new-session rate a minute of the title at another site, as last relayed, if
   * reported in the last two minutes.
   */
  public double startsElsewhere(int site, long title, long now) {
    Entry e = relayed.get(title);
    if (e == null) return 0;
    double max = 0;
    for (int s = 0; s < sites; s++)
      if (s != site && now - e.at[s] <= 120) max = Math.max(max, e.rate[s]);
    return max;
  }

  /**
   * The highest rate of the title at another site over about the last half hour, decayed with its
   * age.
   */
  public double peakElsewhere(int site, long title, long now) {
    Entry e = relayed.get(title);
    if (e == null) return 0;
    double max = 0;
    for (int s = 0; s < sites; s++)
      if (s != site) max = Math.max(max, decayed(e.peak[s], now - e.peakAt[s]));
    return max;
  }

  /** Titles the controller holds. */
  public int titles() {
    return reported.size();
  }

  private static long latest(Entry e) {
    long max = Long.MIN_VALUE;
    for (long t : e.at) max = Math.max(max, t);
    return max;
  }

  private static double decayed(double peak, long age) {
    return peak * Math.exp(-Math.max(0, age) / PEAK_MEMORY_SECONDS);
  }
}
