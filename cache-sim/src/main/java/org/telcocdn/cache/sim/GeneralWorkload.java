package org.telcocdn.cache.sim;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A non-video CDN-like trace: Zipf({@code zipf}) popularity over {@code objects} objects whose
 * sizes are log-uniform between 1 kB and 4 MB, plus a share of one-hit wonders (objects requested
 * once, as in the web and CDN traces S3-FIFO was designed for). Ids are plain numbers, so vpop sees
 * no video structure.
 */
public final class GeneralWorkload {
  /** The generator's knobs. */
  public record Settings(long seed, int objects, int requests, double zipf, double oneHitShare) {}

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
        id = rank < 0 ? -rank - 1 : rank;
      }
      trace.add(i / 100, id + 1, sizeOf(id));
    }
    return trace.build();
  }

  private static long sizeOf(long id) {
    long h = (id + 1) * 0x9E3779B97F4A7C15L;
    double u = (h >>> 11) * 0x1.0p-53;
    return (long) (1024 * Math.pow(4096, u));
  }
}
