package org.telcocdn.cache.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Video requests at several sites with flash crowds of known onsets, for the spike predictor
 * (docs/prediction.md). Seeded and drawn in a fixed order, so a seed and the settings give the same
 * trace and labels.
 *
 * <ul>
 *   <li>Background: at each site, sessions arrive as a Poisson process following the day's curve of
 *       {@link VideoWorkload} (peak 21:00, trough 05:00); the site's own ranking of the catalog
 *       ({@link SiteTastes}) picks the title; viewers behave as in {@link VideoWorkload} ({@link
 *       Viewer}).
 *   <li>Crowds ({@link CrowdPlan}, {@link CrowdCurve}): new releases (the start rate ramps up over
 *       1 to 5 minutes after the release, then decays over 20 to 60), viral clips (logistic growth:
 *       log-linear at first, as Szabo and Huberman observed, a time constant of 30 to 120 s, then a
 *       decay over 15 to 60 minutes), live events (a pre-show trickle, then a sharp start on the
 *       quarter hour; viewers join at the live edge and stay about 22 minutes), and decoys that
 *       never become flash crowds.
 *   <li>Labels: one {@link FlashCrowd} per crowd whose peak reaches {@value #SPIKE_RATIO} times the
 *       title's background rate at the site and at least {@value #SPIKE_FLOOR_PER_MINUTE} session
 *       starts a minute; decoys peak at 0.4 times the floor at most, or 4 times the title's rate,
 *       so nothing between a label and a decoy is left to interpretation.
 * </ul>
 */
public final class FlashCrowdWorkload {
  public static final double SPIKE_RATIO = 10;
  public static final double SPIKE_FLOOR_PER_MINUTE = 5;

  /**
   * Background requests a session, to turn the requested count into a session rate: measured on the
   * defaults without crowds (seed 1: 7.42 M requests where 40 a session, {@link VideoWorkload}'s
   * guess, was assumed for 4 M), since a viewer here is never cut off by a request budget.
   */
  private static final double REQUESTS_PER_SESSION = 74;

  private static final double RESUME_SHARE = 0.1;

  /**
   * The generator's knobs.
   *
   * @param requests background requests over all sites (crowds add theirs)
   * @param flashCrowds flash crowds per site and day
   * @param decoys crowds per site and day that stay below a flash crowd
   */
  public record Settings(
      long seed,
      int titles,
      int requests,
      double zipf,
      int sites,
      int days,
      int flashCrowds,
      int decoys) {
    public Settings {
      if (sites < 1 || sites > 127)
        throw new IllegalArgumentException("sites must be 1 to 127, was " + sites);
      if (titles < 200)
        throw new IllegalArgumentException(
            "a flash-crowd trace needs at least 200 titles (viral clips come from outside each site's top 100), was "
                + titles);
      if (requests < 1 || days < 1 || zipf <= 0)
        throw new IllegalArgumentException("requests, days and zipf must be positive");
      if (flashCrowds < 0 || decoys < 0)
        throw new IllegalArgumentException("flash crowds and decoys must be 0 or more");
    }

    public static Settings defaults(long seed) {
      return new Settings(seed, 2000, 4_000_000, 0.9, 4, 1, 24, 24);
    }
  }

  /** The trace (with its site column) and the flash crowds' labels, by onset. */
  public record Output(Trace trace, List<FlashCrowd> labels) {}

  private final Settings settings;

  public FlashCrowdWorkload(Settings settings) {
    this.settings = settings;
  }

  public Output generate() {
    SplittableRandom random = new SplittableRandom(settings.seed());
    double span = settings.days() * 86_400.0;
    int[] catalogLengths = new int[settings.titles()];
    for (int t = 0; t < catalogLengths.length; t++)
      catalogLengths[t] = VideoCatalog.drawLength(random);
    double meanStarts = settings.requests() / REQUESTS_PER_SESSION / span / settings.sites();
    SiteTastes tastes =
        new SiteTastes(random, settings.sites(), settings.titles(), settings.zipf(), meanStarts);
    CrowdPlan plan = new CrowdPlan(random, settings, tastes, catalogLengths);
    int[] lengths =
        Arrays.copyOf(catalogLengths, settings.titles() + plan.newTitleLengths().size());
    for (int i = 0; i < plan.newTitleLengths().size(); i++)
      lengths[settings.titles() + i] = plan.newTitleLengths().get(i);
    Starts starts = new Starts();
    for (int s = 0; s < tastes.sites(); s++) background(random, tastes, s, span, starts);
    for (int c = 0; c < plan.curves.size(); c++) crowd(random, plan.curves.get(c), c, span, starts);
    Trace trace = play(random, starts, plan.curves, lengths, span);
    return new Output(trace, labels(plan.curves, tastes, span));
  }

  /**
   * Session starts, in parallel arrays: time, site, title, and the crowd (-1 for the background).
   */
  private static final class Starts {
    double[] time = new double[1 << 14];
    int[] site = new int[1 << 14];
    int[] title = new int[1 << 14];
    int[] crowd = new int[1 << 14];
    int n;

    void add(double t, int s, int tl, int c) {
      if (n == time.length) {
        time = Arrays.copyOf(time, n * 2);
        site = Arrays.copyOf(site, n * 2);
        title = Arrays.copyOf(title, n * 2);
        crowd = Arrays.copyOf(crowd, n * 2);
      }
      time[n] = t;
      site[n] = s;
      title[n] = tl;
      crowd[n++] = c;
    }

    Integer[] byTime() {
      Integer[] order = new Integer[n];
      for (int i = 0; i < n; i++) order[i] = i;
      Arrays.sort(
          order, Comparator.comparingDouble((Integer i) -> time[i]).thenComparingInt(i -> i));
      return order;
    }
  }

  /** Poisson arrivals at the site's peak rate, thinned by the day's curve. */
  private static void background(
      SplittableRandom random, SiteTastes tastes, int site, double span, Starts starts) {
    double peak = tastes.peakStarts(site);
    for (double t = exp(random, peak); t < span; t += exp(random, peak)) {
      if (random.nextDouble() < VideoWorkload.diurnal(t))
        starts.add(t, site, tastes.draw(random, site), -1);
    }
  }

  private static void crowd(
      SplittableRandom random, CrowdCurve curve, int index, double span, Starts starts) {
    double max = curve.peak * 1.0001;
    for (double t = curve.start + exp(random, max);
        t < Math.min(curve.end, span);
        t += exp(random, max)) {
      if (random.nextDouble() * max < curve.rate(t)) starts.add(t, curve.site, curve.title, index);
    }
  }

  private static double exp(SplittableRandom random, double rate) {
    return -Math.log(1 - random.nextDouble()) / rate;
  }

  /** Every session's requests in time order, up to the end of the span. */
  private static Trace play(
      SplittableRandom random, Starts starts, List<CrowdCurve> curves, int[] lengths, double span) {
    Integer[] order = starts.byTime();
    PriorityQueue<Viewer> playing = new PriorityQueue<>(Comparator.comparingDouble(v -> v.next));
    Trace.Builder trace = new Trace.Builder();
    int k = 0;
    while (k < order.length || !playing.isEmpty()) {
      double nextStart = k < order.length ? starts.time[order[k]] : Double.MAX_VALUE;
      if (!playing.isEmpty() && playing.peek().next <= nextStart) {
        Viewer v = playing.poll();
        if (v.next >= span) continue;
        trace.add((long) v.next, v.id(), v.size(), v.site);
        if (v.advance(random)) playing.add(v);
      } else {
        playing.add(viewer(random, starts, order[k++], curves, lengths));
      }
    }
    return trace.build();
  }

  private static Viewer viewer(
      SplittableRandom random, Starts starts, int i, List<CrowdCurve> curves, int[] lengths) {
    int title = starts.title[i];
    double t = starts.time[i];
    CrowdCurve curve = starts.crowd[i] < 0 ? null : curves.get(starts.crowd[i]);
    if (curve != null && curve.live()) {
      double seg = ViewingSession.SEGMENT_SECONDS;
      int length = (int) ((curve.streamEnd - curve.streamStart()) / seg);
      return new Viewer(
          random, starts.site[i], title, t, length, (int) ((t - curve.streamStart()) / seg), true);
    }
    int first =
        curve == null && random.nextDouble() < RESUME_SHARE ? random.nextInt(lengths[title]) : 0;
    return new Viewer(random, starts.site[i], title, t, lengths[title], first, false);
  }

  private static List<FlashCrowd> labels(List<CrowdCurve> curves, SiteTastes tastes, double span) {
    List<FlashCrowd> labels = new ArrayList<>();
    for (CrowdCurve c : curves) {
      if (c.shape == CrowdCurve.Shape.SURGE || c.onset >= span) continue;
      double base = tastes.baseRate(c.site, c.title, c.onset) * 60;
      double peak = c.peak * 60;
      if (peak < SPIKE_FLOOR_PER_MINUTE * 0.999 || peak < SPIKE_RATIO * base) continue;
      FlashCrowd.Kind kind = FlashCrowd.Kind.valueOf(c.shape.name());
      labels.add(new FlashCrowd((long) c.onset, c.site, c.title, kind, peak, base));
    }
    labels.sort(Comparator.comparingLong(FlashCrowd::onset).thenComparingInt(FlashCrowd::site));
    return labels;
  }
}
