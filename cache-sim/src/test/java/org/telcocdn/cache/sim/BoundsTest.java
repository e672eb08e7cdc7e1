package org.telcocdn.cache.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class BoundsTest {
  /**
   * ABCABDA, 2 slots: A and B miss; C's next use is never, so MIN keeps A and B; A and B hit; D
   * evicts B (never used again, chosen over D's own "never" because it is older); A hits. 4 misses
   * of 7.
   */
  @Test
  void beladyEvictsTheFarthestNextUse() {
    Trace t = Traces.of("ABCABDA", 1);
    Result r = new Belady(t, t.nextUse()).run(new Simulator(t, 0), 0.5);
    assertThat(r.objectMissRatio()).isCloseTo(4.0 / 7, within(1e-9));
  }

  /**
   * ABCABC, sizes 2, capacity 2 bytes (1/3 of 6): budget 2 x 6 requests = 12 byte-requests; each
   * interval costs 2 bytes x 3 requests = 6, so two of the three fit: 4 of 12 bytes hit.
   */
  @Test
  void pfooGrantsTheShortestIntervalsWithinTheSpaceTimeBudget() {
    Trace t = Traces.of("ABCABC", 2);
    Result r = new PfooLower(t, t.nextUse()).run(new Simulator(t, 0), 1.0 / 3);
    assertThat(r.byteMissRatio()).isCloseTo(8.0 / 12, within(1e-9));
    assertThat(r.objectMissRatio()).isCloseTo(4.0 / 6, within(1e-9));
  }

  @Test
  void pfooNeverGrantsAnObjectLargerThanTheCache() {
    Trace t = Traces.of("ABAB", 1, 3, 1, 3);
    Result r =
        new PfooLower(t, t.nextUse()).run(new Simulator(t, 0), 0.5); // 2 bytes: B (3) never fits
    assertThat(r.byteMissRatio()).isCloseTo(7.0 / 8, within(1e-9));
  }

  @Test
  void theSizeAwareBoundIsBelowEveryPolicyOnAVideoTrace() {
    Trace t =
        new VideoWorkload(new VideoWorkload.Settings(5, 200, 30_000, 0.9, 2, 3, 1)).generate();
    List<Double> sizes = List.of(0.01, 0.05, 0.1);
    List<Result> results =
        new Simulator(t, 0.2)
            .run(List.of("lru", "s3fifo", "wtinylfu", "vpop", "belady-size"), sizes);
    for (double size : sizes) {
      List<Result> atSize = results.stream().filter(r -> r.sizeFraction() == size).toList();
      double bound =
          atSize.stream()
              .filter(r -> r.policy().equals("belady-size"))
              .findFirst()
              .orElseThrow()
              .byteMissRatio();
      assertThat(atSize)
          .allSatisfy(r -> assertThat(r.byteMissRatio()).isGreaterThanOrEqualTo(bound));
    }
  }
}
