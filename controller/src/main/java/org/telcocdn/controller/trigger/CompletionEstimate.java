package org.telcocdn.controller.trigger;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A preposition trigger's {@code etime}: when its units will be done if the edges fill at their
 * caps, and later in the run no sooner than the rate seen so far says.
 *
 * <p>The model: each edge fills its units at {@code min(edge cap, trigger rate × its jobs)} (the
 * edge's own token bucket, {@code edge.preposition.rate}, assumed equal to {@code
 * controller.triggers.default-rate}, and one bucket per job at the trigger's {@code
 * max-fill-rate}); sites fill in parallel; in a site the replicas start once the site's first copy
 * is done, so a site takes its first copies' time plus its replicas'. A unit whose size no edge has
 * reported yet counts at the size another unit of the same title reported; with no size known at
 * all there is no estimate ({@code null}) rather than a guess.
 *
 * <p>Why not only the rate seen so far, as before: it is measured from the trigger's activation,
 * which includes the edges reading the title's manifest from the origin and the first tick, so
 * early in a run it under-estimated the rate and {@code etime} came up to 2.5 times the real
 * duration too late (bench/preposition-etime, docs/continuum.md). The seen rate is used once half
 * of the bytes are done (its start-up share diluted): if it says later than the caps, something
 * slows the fill (viewers' back-off), and the later time is the honest one.
 */
final class CompletionEstimate {
  private CompletionEstimate() {}

  /** Unix seconds, or null when no unit's size is known yet. */
  static Long of(Trigger t, long maxRate, long defaultRate, long now) {
    Map<String, Long> sizes = reportedSizes(t.units());
    Map<String, Double> siteSeconds = new HashMap<>();
    for (String site : t.units().stream().map(Unit::site).distinct().toList()) {
      List<Unit> units = t.units().stream().filter(u -> u.site().equals(site)).toList();
      Double first = phaseSeconds(units, true, sizes, maxRate, defaultRate);
      Double replicas = phaseSeconds(units, false, sizes, maxRate, defaultRate);
      if (first == null || replicas == null) return null;
      siteSeconds.put(site, first + replicas);
    }
    double model = siteSeconds.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
    return now + (long) Math.ceil(Math.max(model, seenSeconds(t, now)));
  }

  /**
   * The slowest edge's time for the units of one phase (first copies, or replicas); null when a
   * unit's size is not known.
   */
  private static Double phaseSeconds(
      List<Unit> units, boolean first, Map<String, Long> sizes, long maxRate, long defaultRate) {
    Map<String, Long> leftByEdge = new HashMap<>();
    Map<String, Integer> jobsByEdge = new HashMap<>();
    for (Unit u : units) {
      if ((u.from() == null) != first || u.state().finished()) continue;
      Long size = u.bytes() > 0 ? Long.valueOf(u.bytes()) : sizes.get(titleKey(u));
      if (size == null) return null;
      leftByEdge.merge(u.edge(), Math.max(0, size - u.bytesDone()), Long::sum);
      jobsByEdge.merge(u.edge(), 1, Integer::sum);
    }
    double slowest = 0;
    for (Map.Entry<String, Long> e : leftByEdge.entrySet()) {
      long rate = edgeRate(jobsByEdge.get(e.getKey()), maxRate, defaultRate);
      slowest = Math.max(slowest, e.getValue() / (double) rate);
    }
    return slowest;
  }

  private static long edgeRate(int jobs, long maxRate, long defaultRate) {
    long edge = Math.max(1, defaultRate);
    return maxRate > 0 ? Math.max(1, Math.min(edge, maxRate * jobs)) : edge;
  }

  /** The bytes left at the rate seen since activation, once half of them are done; else 0. */
  private static double seenSeconds(Trigger t, long now) {
    long total = t.bytesTotal();
    long done = t.bytesDone();
    long elapsedMillis = t.activeSince() == null ? 0 : now * 1000 - t.activeSince();
    if (total == 0 || done * 2 < total || elapsedMillis < 1000) return 0;
    return (total - done) / (done * 1000.0 / elapsedMillis);
  }

  private static Map<String, Long> reportedSizes(List<Unit> units) {
    Map<String, Long> sizes = new HashMap<>();
    for (Unit u : units) if (u.bytes() > 0) sizes.putIfAbsent(titleKey(u), u.bytes());
    return sizes;
  }

  private static String titleKey(Unit u) {
    return u.videoId() + " " + u.paths();
  }
}
