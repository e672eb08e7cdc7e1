package org.telcocdn.cache.predict;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What prediction costs an edge per viewer request (bench/predict-online/run.sh; not a test): (1)
 * the event loop's part, {@link DemandTap}'s capture and {@link DemandFeed#offer}; (2) the
 * predictor thread's part, parsing, folding, the ticks' scoring and learning, at 2,000 requests a
 * second over a Zipf(0.9) catalog of 20,000 titles with 5 % of requests starting a session, in
 * simulated time. Prints nanoseconds per request and the share of one core at 2,000 requests/s for
 * each of {@code ROUNDS} alternating rounds.
 */
public final class PredictorCostBench {
  private static final int RATE = 2_000;

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 900;
    String[] uris = uris(20_000, 200_000, new SplittableRandom(7));
    for (int round = 1; round <= rounds; round++) {
      double tap = tapNanos(uris);
      double fold = foldNanos(uris, seconds);
      System.out.printf(
          "round %d: event loop %.0f ns/request (%.3f %% of a core at %d req/s); predictor %.0f"
              + " ns/request (%.2f %% of a core)%n",
          round, tap, tap * RATE / 1e7, RATE, fold, fold * RATE / 1e7);
    }
  }

  private static double tapNanos(String[] uris) {
    DemandFeed feed = new DemandFeed(1 << 20);
    String[] cmcd = {null, null, "sid=\"abc\",st=v", null};
    int n = 1_000_000;
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      feed.offer(new ViewerRequest(System.currentTimeMillis(), uris[i % uris.length], cmcd));
      if (feed.waiting() > 500_000) while (feed.poll() != null) {}
    }
    return (System.nanoTime() - start) / (double) n;
  }

  private static double foldNanos(String[] uris, int seconds) {
    AtomicLong clock = new AtomicLong(1_796_400_000_000L);
    PredictConfig config =
        new PredictConfig(
            true, 4096, 0.652, "", Duration.ofMinutes(5), Duration.ofMinutes(30), 30, 0.6, 1 << 16);
    EdgePredictor p =
        new EdgePredictor(
            "edge-1", "site-a", config, new PredictMetrics(new SimpleMeterRegistry()), clock::get);
    DemandFeed feed = new DemandFeed(1 << 16);
    String[] cmcd = {null, null, "sid=\"abc\",st=v", null};
    int next = 0;
    long start = System.nanoTime();
    for (int s = 0; s < seconds; s++) {
      for (int i = 0; i < RATE; i++) {
        feed.offer(new ViewerRequest(clock.get(), uris[next], cmcd));
        next = (next + 1) % uris.length;
      }
      clock.addAndGet(1000);
      p.step(feed);
    }
    return (System.nanoTime() - start) / ((double) seconds * RATE);
  }

  /** Requests of a Zipf(0.9) catalog: 5 % session starts (segment 1), the rest segments 2-60. */
  private static String[] uris(int titles, int count, SplittableRandom random) {
    double[] cumulative = new double[titles];
    double sum = 0;
    for (int t = 0; t < titles; t++) cumulative[t] = sum += 1 / Math.pow(t + 1, 0.9);
    String[] out = new String[count];
    for (int i = 0; i < count; i++) {
      double u = random.nextDouble() * sum;
      int lo = 0, hi = titles - 1;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (cumulative[mid] < u) lo = mid + 1;
        else hi = mid;
      }
      int segment = random.nextDouble() < 0.05 ? 1 : 2 + random.nextInt(59);
      out[i] = "/videos/title-%d/720p/seg_%05d.m4s".formatted(lo, segment);
    }
    return out;
  }
}
