package org.telcocdn.cache.sim;

import java.util.Arrays;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * A synthetic video-on-demand trace for one edge: a {@link VideoCatalog} watched by {@link
 * ViewingSession}s. Everything is drawn from one seeded generator, in a fixed order, so a seed and
 * the settings give the same trace byte for byte.
 *
 * <ul>
 *   <li>Catalog: {@code titles} titles of three kinds: clips (1 to 5 min), episodes (20 to 45 min)
 *       and films (85 to 120 min), 4-second segments.
 *   <li>Popularity: Zipf({@code zipf}) over ranks; each of {@code regions} regions ranks the titles
 *       its own way (global log-rank plus Gaussian noise), and a session's region is uniform.
 *   <li>New releases: {@code newReleases} titles outside the Zipf catalog appear at random times
 *       and draw a spike of sessions that decays with a 6-hour time constant.
 *   <li>Sessions arrive as a Poisson process whose rate follows a day (peak at 21:00, trough at
 *       05:00, ratio about 4), start at segment 0 (10 % resume at a random point), and abandon
 *       along an audience-retention curve: a stop hazard of 6 % per segment in the first 30 s, 1.5
 *       % to 5 min, 0.3 % after; they always stop at the title's end.
 *   <li>Renditions: a 5-step ladder (200 kB to 3 MB per segment, ±25 % per segment), a target
 *       chosen per session from an ABR mix, the first 3 segments at most at step 1 (start-up), and
 *       a 2 % chance per segment to step up or down.
 * </ul>
 */
public final class VideoWorkload {
  /** The generator's knobs. */
  public record Settings(
      long seed, int titles, int requests, double zipf, int regions, int newReleases, int days) {
    public static Settings defaults(long seed) {
      return new Settings(seed, 2000, 2_000_000, 0.9, 3, 20, 1);
    }

    public Settings withRequests(int count) {
      return new Settings(seed, titles, count, zipf, regions, newReleases, days);
    }
  }

  private final Settings settings;
  private final SplittableRandom random;
  private final VideoCatalog catalog;
  private final double span;

  public VideoWorkload(Settings settings) {
    this.settings = settings;
    this.random = new SplittableRandom(settings.seed());
    this.span = settings.days() * 86_400.0;
    this.catalog =
        new VideoCatalog(
            settings.titles(),
            settings.newReleases(),
            settings.zipf(),
            settings.regions(),
            span,
            random);
  }

  public Trace generate() {
    return generate(1, null);
  }

  /**
   * The same trace as {@link #generate()} (edges are drawn from a generator of their own), each
   * request tagged with the edge of its session: a viewer stays on one edge for a whole session,
   * the edge drawn uniformly, as the broker's ring spreads sessions over a site's edges.
   */
  public SiteTrace generateSite(int edges) {
    if (edges < 1 || edges > 127)
      throw new IllegalArgumentException("edges must be 1 to 127, was " + edges);
    byte[][] tags = {new byte[1024]};
    Trace trace = generate(edges, tags);
    return new SiteTrace(trace, Arrays.copyOf(tags[0], trace.length()), edges);
  }

  private Trace generate(int edges, byte[][] edgeTags) {
    SplittableRandom viewers = new SplittableRandom(settings.seed() ^ 0x5E55_1011L);
    Trace.Builder trace = new Trace.Builder();
    PriorityQueue<ViewingSession> playing =
        new PriorityQueue<>(Comparator.comparingDouble(ViewingSession::next));
    double peakRate =
        settings.requests() / span / 40.0 * 1.6; // ~40 segments a session, peak 1.6x mean
    double clock = 0;
    while (trace.length() < settings.requests()) {
      clock += -Math.log(1 - random.nextDouble()) / peakRate;
      while (!playing.isEmpty()
          && playing.peek().next() <= clock
          && trace.length() < settings.requests()) {
        ViewingSession s = playing.poll();
        trace.add((long) s.next(), s.id(), s.size());
        if (edgeTags != null) tag(edgeTags, trace.length() - 1, s.tag());
        if (s.advance(random)) playing.add(s);
      }
      if (random.nextDouble() < diurnal(clock)) {
        int title = catalog.chooseTitle(clock, -1, random);
        ViewingSession s = new ViewingSession(title, catalog.length(title), clock, random);
        s.tag(edges > 1 ? viewers.nextInt(edges) : 0);
        playing.add(s);
      }
    }
    return trace.build();
  }

  private static void tag(byte[][] tags, int i, int edge) {
    if (i == tags[0].length) tags[0] = Arrays.copyOf(tags[0], i * 2);
    tags[0][i] = (byte) edge;
  }

  /** Thinning probability of an arrival at {@code t}: 1 at 21:00, 0.25 at 05:00 (ratio ~4). */
  public static double diurnal(double t) {
    double hour = (t / 3600) % 24;
    return 0.625 + 0.375 * Math.cos(2 * Math.PI * (hour - 21) / 24);
  }
}
