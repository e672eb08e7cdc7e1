package org.telcocdn.cache.sim;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;

/**
 * The titles a video workload draws from: {@code titles} of three kinds (clips of 1 to 5 min,
 * episodes of 20 to 45 min, films of 85 to 120 min, in 4-second segments), ranked by Zipf({@code
 * zipf}) with each of {@code regions} regions ranking them its own way (global log-rank plus
 * Gaussian noise), and {@code newReleases} titles outside the ranking that appear at random times
 * of the span and draw a spike of sessions decaying with a 6-hour time constant. Drawn from the
 * generator it is given, in a fixed order, so that a seed gives the same catalog; {@link
 * VideoWorkload} (one edge's trace) and the national network simulation ({@code cdn sim-network})
 * share it.
 */
public final class VideoCatalog {
  private static final double SPIKE_SECONDS = 6 * 3600;

  private final int titles;
  private final int[] lengths;
  private final double[] zipfCdf;
  private final int[][] regionOrder;
  private final double[] releaseTimes;

  /**
   * @param span seconds over which the new releases appear (10 % to 90 % of it)
   */
  public VideoCatalog(
      int titles, int newReleases, double zipf, int regions, double span, SplittableRandom random) {
    this.titles = titles;
    this.lengths = new int[titles + newReleases];
    for (int t = 0; t < lengths.length; t++) lengths[t] = drawLength(random);
    this.zipfCdf = zipfCdf(titles, zipf);
    this.regionOrder = new int[regions][];
    for (int r = 0; r < regions; r++) regionOrder[r] = regionTaste(random, titles);
    this.releaseTimes = new double[newReleases];
    for (int i = 0; i < releaseTimes.length; i++)
      releaseTimes[i] = span * (0.1 + 0.8 * random.nextDouble());
  }

  /** Titles in the catalog, the new releases included. */
  public int size() {
    return lengths.length;
  }

  public int regions() {
    return regionOrder.length;
  }

  /** The title's length in segments. */
  public int length(int title) {
    return lengths[title];
  }

  /**
   * A title's length in segments: 30 % clips (1 to 5 min), 40 % episodes (20 to 45), 30 % films (85
   * to 120).
   */
  static int drawLength(SplittableRandom random) {
    double kind = random.nextDouble();
    int minutesLow = kind < 0.3 ? 1 : kind < 0.7 ? 20 : 85;
    int minutesHigh = kind < 0.3 ? 5 : kind < 0.7 ? 45 : 120;
    double minutes = minutesLow + (minutesHigh - minutesLow) * random.nextDouble();
    return (int) (minutes * 60 / ViewingSession.SEGMENT_SECONDS);
  }

  static double[] zipfCdf(int n, double s) {
    double[] cdf = new double[n];
    double sum = 0;
    for (int i = 0; i < n; i++) cdf[i] = sum += 1 / Math.pow(i + 1, s);
    for (int i = 0; i < n; i++) cdf[i] /= sum;
    return cdf;
  }

  /** A region's ranking: titles sorted by log of the global rank plus noise. */
  static int[] regionTaste(SplittableRandom random, int titles) {
    double[] score = new double[titles];
    for (int t = 0; t < titles; t++) score[t] = Math.log(t + 1) + random.nextGaussian();
    Integer[] order = new Integer[titles];
    for (int t = 0; t < titles; t++) order[t] = t;
    Arrays.sort(order, Comparator.comparingDouble(t -> score[t]));
    return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
  }

  /**
   * The title of a session starting at {@code t}: a new release with the share of their spikes,
   * else the rank drawn from the Zipf law in the taste of {@code region}, or of a region drawn
   * uniformly (after the rank) when {@code region} is negative.
   */
  public int chooseTitle(double t, int region, SplittableRandom random) {
    double spike = 0;
    for (double release : releaseTimes) if (release <= t) spike += spikeWeight(t - release);
    if (random.nextDouble() < spike / (1 + spike)) return newRelease(t, spike, random);
    int rank = Arrays.binarySearch(zipfCdf, random.nextDouble());
    rank = rank < 0 ? -rank - 1 : rank;
    int r = region >= 0 ? region : random.nextInt(regionOrder.length);
    return regionOrder[r][Math.min(rank, zipfCdf.length - 1)];
  }

  /** At its release a new title draws about 8 % of sessions. */
  private static double spikeWeight(double age) {
    return 0.08 * Math.exp(-age / SPIKE_SECONDS);
  }

  private int newRelease(double t, double total, SplittableRandom random) {
    double u = random.nextDouble() * total;
    for (int i = 0; i < releaseTimes.length; i++) {
      if (releaseTimes[i] <= t && (u -= spikeWeight(t - releaseTimes[i])) < 0) return titles + i;
    }
    return titles;
  }
}
