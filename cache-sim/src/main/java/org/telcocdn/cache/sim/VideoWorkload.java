package org.telcocdn.cache.sim;

import java.util.Arrays;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.telcocdn.cache.policy.VideoIds;

/**
 * A synthetic video-on-demand trace for one edge. Everything is drawn from one seeded generator, in a
 * fixed order, so a seed and the settings give the same trace byte for byte.
 *
 * <ul>
 *   <li>Catalog: {@code titles} titles of three kinds: clips (1 to 5 min), episodes (20 to 45 min)
 *       and films (85 to 120 min), 4-second segments.
 *   <li>Popularity: Zipf({@code zipf}) over ranks; each of {@code regions} regions ranks the titles
 *       its own way (global log-rank plus Gaussian noise), and a session's region is uniform.
 *   <li>New releases: {@code newReleases} titles outside the Zipf catalog appear at random times
 *       and draw a spike of sessions that decays with a 6-hour time constant.
 *   <li>Sessions arrive as a Poisson process whose rate follows a day (peak at 21:00, trough at
 *       05:00, ratio about 4), start at segment 0 (10 % resume at a random point), and abandon along
 *       an audience-retention curve: a stop hazard of 6 % per segment in the first 30 s, 1.5 % to
 *       5 min, 0.3 % after; they always stop at the title's end.
 *   <li>Renditions: a 5-step ladder (200 kB to 3 MB per segment, ±25 % per segment), a target
 *       chosen per session from an ABR mix, the first 3 segments at most at step 1 (start-up), and a
 *       2 % chance per segment to step up or down.
 * </ul>
 */
public final class VideoWorkload {
  static final int SEGMENT_SECONDS = 4;
  static final long[] LADDER = {200_000, 400_000, 750_000, 1_500_000, 3_000_000};
  static final double[] ABR_MIX = {0.05, 0.10, 0.20, 0.35, 0.30};
  private static final double SPIKE_SECONDS = 6 * 3600;

  /** The generator's knobs. */
  public record Settings(long seed, int titles, int requests, double zipf, int regions, int newReleases, int days) {
    public static Settings defaults(long seed) {
      return new Settings(seed, 2000, 2_000_000, 0.9, 3, 20, 1);
    }

    public Settings withRequests(int count) {
      return new Settings(seed, titles, count, zipf, regions, newReleases, days);
    }
  }

  private final Settings settings;
  private final SplittableRandom random;
  private final int[] lengths;
  private final int[][] regionOrder;
  private final double[] zipfCdf;
  private final double[] releaseTimes;
  private final double span;

  public VideoWorkload(Settings settings) {
    this.settings = settings;
    this.random = new SplittableRandom(settings.seed());
    this.span = settings.days() * 86_400.0;
    this.lengths = new int[settings.titles() + settings.newReleases()];
    for (int t = 0; t < lengths.length; t++) lengths[t] = drawLength();
    this.zipfCdf = zipfCdf(settings.titles(), settings.zipf());
    this.regionOrder = new int[settings.regions()][];
    for (int r = 0; r < settings.regions(); r++) regionOrder[r] = regionTaste(random, settings.titles());
    this.releaseTimes = new double[settings.newReleases()];
    for (int i = 0; i < releaseTimes.length; i++) releaseTimes[i] = span * (0.1 + 0.8 * random.nextDouble());
  }

  private int drawLength() {
    return drawLength(random);
  }

  /** A title's length in segments: 30 % clips (1 to 5 min), 40 % episodes (20 to 45), 30 % films (85 to 120). */
  static int drawLength(SplittableRandom random) {
    double kind = random.nextDouble();
    int minutesLow = kind < 0.3 ? 1 : kind < 0.7 ? 20 : 85;
    int minutesHigh = kind < 0.3 ? 5 : kind < 0.7 ? 45 : 120;
    double minutes = minutesLow + (minutesHigh - minutesLow) * random.nextDouble();
    return (int) (minutes * 60 / SEGMENT_SECONDS);
  }

  static double[] zipfCdf(int n, double s) {
    double[] cdf = new double[n];
    double sum = 0;
    for (int i = 0; i < n; i++) cdf[i] = sum += 1 / Math.pow(i + 1, s);
    for (int i = 0; i < n; i++) cdf[i] /= sum;
    return cdf;
  }

  /** A region's ranking: titles sorted by log of the global rank plus noise. */
  static int[] regionTaste(SplittableRandom random, int n) {
    double[] score = new double[n];
    for (int t = 0; t < n; t++) score[t] = Math.log(t + 1) + random.nextGaussian();
    Integer[] order = new Integer[n];
    for (int t = 0; t < n; t++) order[t] = t;
    Arrays.sort(order, Comparator.comparingDouble(t -> score[t]));
    return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
  }

  private final class Session {
    final int title;
    int rendition;
    final int target;
    int index;
    int played;
    int edge;
    double next;

    Session(int title, double start) {
      this.title = title;
      this.target = pick(ABR_MIX);
      this.index = random.nextDouble() < 0.1 ? random.nextInt(lengths[title]) : 0;
      this.next = start;
    }

    long size() {
      return segmentSize(title, rendition, index);
    }

    /** Moves to the next segment; false when the viewer stops. */
    boolean advance() {
      index++;
      played++;
      if (index >= lengths[title] || random.nextDouble() < hazard(played)) return false;
      rendition = played < 3 ? Math.min(target, 1) : adapt();
      next += SEGMENT_SECONDS;
      return true;
    }

    private int adapt() {
      if (played == 3) return target;
      double u = random.nextDouble();
      if (u < 0.01) return Math.max(0, rendition - 1);
      if (u < 0.02) return Math.min(LADDER.length - 1, rendition + 1);
      return rendition;
    }
  }

  /** A segment's size: its rendition's step of the ladder, ±25 %, fixed per object. */
  static long segmentSize(int title, int rendition, int index) {
    long h = VideoIds.pack(title, rendition, index) * 0x9E3779B97F4A7C15L;
    double jitter = 0.75 + 0.5 * ((h >>> 11) * 0x1.0p-53);
    return (long) (LADDER[rendition] * jitter);
  }

  static double hazard(int played) {
    return played < 8 ? 0.06 : played < 75 ? 0.015 : 0.003;
  }

  private int pick(double[] weights) {
    double u = random.nextDouble();
    for (int i = 0; i < weights.length; i++) if ((u -= weights[i]) < 0) return i;
    return weights.length - 1;
  }

  public Trace generate() {
    return generate(1, null);
  }

  /**
   * The same trace as {@link #generate()} (edges are drawn from a generator of their own), each
   * request tagged with the edge of its session: a viewer stays on one edge for a whole session, the
   * edge drawn uniformly, as the broker's ring spreads sessions over a site's edges.
   */
  public SiteTrace generateSite(int edges) {
    if (edges < 1 || edges > 127) throw new IllegalArgumentException("edges must be 1 to 127, was " + edges);
    byte[][] tags = {new byte[1024]};
    Trace trace = generate(edges, tags);
    return new SiteTrace(trace, Arrays.copyOf(tags[0], trace.length()), edges);
  }

  private Trace generate(int edges, byte[][] edgeTags) {
    SplittableRandom viewers = new SplittableRandom(settings.seed() ^ 0x5E55_1011L);
    Trace.Builder trace = new Trace.Builder();
    PriorityQueue<Session> playing = new PriorityQueue<>(Comparator.comparingDouble(s -> s.next));
    double peakRate = settings.requests() / span / 40.0 * 1.6; // ~40 segments a session, peak 1.6x mean
    double clock = 0;
    while (trace.length() < settings.requests()) {
      clock += -Math.log(1 - random.nextDouble()) / peakRate;
      while (!playing.isEmpty() && playing.peek().next <= clock && trace.length() < settings.requests()) {
        Session s = playing.poll();
        trace.add((long) s.next, VideoIds.pack(s.title, s.rendition, s.index), s.size());
        if (edgeTags != null) tag(edgeTags, trace.length() - 1, s.edge);
        if (s.advance()) playing.add(s);
      }
      if (random.nextDouble() < diurnal(clock)) {
        Session s = new Session(chooseTitle(clock), clock);
        s.rendition = Math.min(s.target, 1);
        s.edge = edges > 1 ? viewers.nextInt(edges) : 0;
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
  static double diurnal(double t) {
    double hour = (t / 3600) % 24;
    return 0.625 + 0.375 * Math.cos(2 * Math.PI * (hour - 21) / 24);
  }

  private int chooseTitle(double t) {
    double spike = 0;
    for (double release : releaseTimes) if (release <= t) spike += spikeWeight(t - release);
    if (random.nextDouble() < spike / (1 + spike)) return newRelease(t, spike);
    int rank = Arrays.binarySearch(zipfCdf, random.nextDouble());
    rank = rank < 0 ? -rank - 1 : rank;
    return regionOrder[random.nextInt(regionOrder.length)][Math.min(rank, zipfCdf.length - 1)];
  }

  /** At its release a new title draws about 8 % of sessions. */
  private static double spikeWeight(double age) {
    return 0.08 * Math.exp(-age / SPIKE_SECONDS);
  }

  private int newRelease(double t, double total) {
    double u = random.nextDouble() * total;
    for (int i = 0; i < releaseTimes.length; i++) {
      if (releaseTimes[i] <= t && (u -= spikeWeight(t - releaseTimes[i])) < 0) return settings.titles() + i;
    }
    return settings.titles();
  }
}
