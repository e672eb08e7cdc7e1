package org.telcocdn.cache.sim;

import java.util.SplittableRandom;

/**
 * The sites of a {@link FlashCrowdWorkload}: each ranks the catalog its own way (the global
 * log-rank plus Gaussian noise, as {@link VideoWorkload}'s regions do) and has its own volume (0.6
 * to 1.4 times the mean), so that no two sites see the same titles in the same order: the non-IID
 * data a model trained across edges has to cope with.
 */
final class SiteTastes {
  private final int[][] order;
  private final int[][] rankOf;
  private final double[] pmf;
  private final double[] cdf;
  private final double[] peakStarts;

  /**
   * @param meanStarts mean session starts a second of one site over a day
   */
  SiteTastes(SplittableRandom random, int sites, int titles, double zipf, double meanStarts) {
    this.cdf = VideoCatalog.zipfCdf(titles, zipf);
    this.pmf = new double[titles];
    for (int r = 0; r < titles; r++) pmf[r] = cdf[r] - (r == 0 ? 0 : cdf[r - 1]);
    this.order = new int[sites][];
    this.rankOf = new int[sites][titles];
    this.peakStarts = new double[sites];
    double[] volume = new double[sites];
    double sum = 0;
    for (int s = 0; s < sites; s++) sum += volume[s] = 0.6 + 0.8 * random.nextDouble();
    for (int s = 0; s < sites; s++) {
      order[s] = VideoCatalog.regionTaste(random, titles);
      for (int r = 0; r < titles; r++) rankOf[s][order[s][r]] = r;
      // the diurnal curve averages 0.625 of its peak over a day
      peakStarts[s] = meanStarts * sites * volume[s] / sum / 0.625;
    }
  }

  int sites() {
    return order.length;
  }

  /** Session starts a second at the site's busiest hour. */
  double peakStarts(int site) {
    return peakStarts[site];
  }

  /** A background session's title at a site. */
  int draw(SplittableRandom random, int site) {
    int rank = java.util.Arrays.binarySearch(cdf, random.nextDouble());
    rank = rank < 0 ? -rank - 1 : rank;
    return order[site][Math.min(rank, cdf.length - 1)];
  }

  int titleAt(int site, int rank) {
    return order[site][rank];
  }

  int rank(int site, int title) {
    return title < pmf.length ? rankOf[site][title] : Integer.MAX_VALUE;
  }

  /**
   * The title's background session starts a second at the site at {@code t}; 0 for a title outside
   * the catalog.
   */
  double baseRate(int site, int title, double t) {
    if (title >= pmf.length) return 0;
    return peakStarts[site] * VideoWorkload.diurnal(t) * pmf[rankOf[site][title]];
  }
}
