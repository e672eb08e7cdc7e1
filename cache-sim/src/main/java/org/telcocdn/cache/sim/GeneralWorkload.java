package org.telcocdn.cache.sim;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A non-video CDN-like trace: Zipf({@code zipf}) popularity over {@code objects} objects whose
 * sizes are log-uniform between {@code minSize} and {@code maxSize} bytes, plus a share of one-hit
 * wonders (objects requested once, as in the web and CDN traces S3-FIFO was designed for). With a
 * {@code drift}, every {@code drift} requests a new object enters at the top of the ranking and
 * every other moves down one rank, so popularity ages as on a news or social site, where recency
 * predicts the next request better than counts do; 0 keeps one ranking for the whole trace. Ids are
 * plain numbers, so vpop sees no video structure.
 */
public final class GeneralWorkload {
  /**
   * Ids of a drifting catalog start here, clear of the fixed catalog's and the one-hit wonders'.
   */
  private static final long DRIFTING_IDS = 1L << 40;

  /** The generator's knobs. */
  public record Settings(
      long seed,
      int objects,
      int requests,
      double zipf,
      double oneHitShare,
      long minSize,
      long maxSize,
      int drift) {
    public Settings {
      if (minSize < 1 || maxSize < minSize)
        throw new IllegalArgumentException(
            "object sizes must satisfy 1 <= min <= max, were " + minSize + " and " + maxSize);
      if (drift < 0)
        throw new IllegalArgumentException("drift must be 0 (none) or positive, was " + drift);
    }

    /** Sizes 1 kB to 4 MB, a fixed ranking. */
    public Settings(long seed, int objects, int requests, double zipf, double oneHitShare) {
      this(seed, objects, requests, zipf, oneHitShare, 1024, 4L << 20, 0);
    }

    public Settings withRequests(int count) {
      return new Settings(seed, objects, count, zipf, oneHitShare, minSize, maxSize, drift);
    }
  }

  private final Settings settings;

  public GeneralWorkload(Settings settings) {
    this.settings = settings;
  }

  public Trace generate() {
    SplittableRandom random = new SplittableRandom(settings.seed());
    double[] cdf = new double[settings.objects()];
    double sum = 0;
    for (int i = 0; i < cdf.length; i++) cdf[i] = sum += 1 / Math.pow(i + 1, settings.zipf());
    for (int i = 0; i < cdf.length; i++) cdf[i] /= sum;
    Trace.Builder trace = new Trace.Builder();
    long oneHit = settings.objects();
    for (int i = 0; i < settings.requests(); i++) {
      long id;
      if (random.nextDouble() < settings.oneHitShare()) {
        id = ++oneHit;
      } else {
        int rank = Arrays.binarySearch(cdf, random.nextDouble());
        id = objectAt(rank < 0 ? -rank - 1 : rank, i);
      }
      trace.add(i / 100, id + 1, sizeOf(id));
    }
    return trace.build();
  }

  /** The object at {@code rank} when request {@code i} is made. */
  private long objectAt(int rank, int i) {
    if (settings.drift() == 0) return rank;
    return DRIFTING_IDS + settings.objects() + i / settings.drift() - rank;
  }

  private long sizeOf(long id) {
    long h = (id + 1) * 0x9E3779B97F4A7C15L;
    double u = (h >>> 11) * 0x1.0p-53;
    return (long)
        (settings.minSize() * Math.pow(settings.maxSize() / (double) settings.minSize(), u));
  }
}
