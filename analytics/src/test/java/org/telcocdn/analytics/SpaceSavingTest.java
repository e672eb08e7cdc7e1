package org.telcocdn.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SpaceSavingTest {
  /**
   * Zipf(0.9) over 5,000 titles, 200,000 requests: the exact top-10 against the summary's, with 256
   * counters.
   */
  @Test
  void topTenMatchesExactCountsOnAZipfStream() {
    int titles = 5000;
    double[] cdf = new double[titles];
    double sum = 0;
    for (int i = 0; i < titles; i++) cdf[i] = sum += 1 / Math.pow(i + 1, 0.9);
    SplittableRandom random = new SplittableRandom(42);
    Map<String, Long> exact = new HashMap<>();
    WindowedTopK windowed = new WindowedTopK(60_000, 3_600_000, 256);
    for (int n = 0; n < 200_000; n++) {
      int idx = java.util.Arrays.binarySearch(cdf, random.nextDouble() * sum);
      String title = "t" + (idx < 0 ? -idx - 1 : idx);
      exact.merge(title, 1L, Long::sum);
      windowed.add(n * 10L, n % 2 == 0 ? "site-a" : "site-b", title);
    }
    List<String> truth =
        exact.entrySet().stream()
            .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
            .limit(10)
            .map(Map.Entry::getKey)
            .toList();
    List<SpaceSaving.Entry> top = windowed.top(WindowedTopK.ALL, 10_000_000, 10);
    assertThat(top).extracting(SpaceSaving.Entry::key).containsExactlyElementsOf(truth);
    for (SpaceSaving.Entry e : top) {
      assertThat(e.count()).isGreaterThanOrEqualTo(exact.get(e.key()));
      assertThat(e.count() - e.error()).isLessThanOrEqualTo(exact.get(e.key()));
    }
  }

  @Test
  void slidingWindowForgetsOldBuckets() {
    WindowedTopK w = new WindowedTopK(60_000, 3_600_000, 16);
    for (int i = 0; i < 100; i++) w.add(1_000, "s", "old");
    for (int i = 0; i < 10; i++) w.add(600_000, "s", "new");
    assertThat(w.top(WindowedTopK.ALL, 120_000, 5))
        .extracting(SpaceSaving.Entry::key)
        .containsExactly("new");
    assertThat(w.top("s", 3_600_000, 5))
        .extracting(SpaceSaving.Entry::key)
        .containsExactly("old", "new");
  }
}
