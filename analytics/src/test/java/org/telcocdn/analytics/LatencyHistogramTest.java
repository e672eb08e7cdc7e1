package org.telcocdn.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {
  /** 2^(1/4) per bucket, reported at the geometric middle: at most 2^(1/8) - 1 off, about 9 %. */
  private static final double BUCKET_ERROR = Math.pow(2, 1 / 8.0) - 1;

  @Test
  void percentilesOfAFastBodyWithASlowTail_whereTheMeanMisleads() {
    LatencyHistogram h = new LatencyHistogram();
    SplittableRandom random = new SplittableRandom(1);
    long sum = 0;
    for (int i = 0; i < 10_000; i++) {
      long micros =
          i % 100 < 94 ? 1_500 + random.nextInt(1_000) : 900_000 + random.nextInt(200_000);
      h.add(micros);
      sum += micros;
    }
    assertThat(sum / 10_000.0)
        .as("the mean: neither the body nor the tail")
        .isBetween(50_000.0, 70_000.0);
    assertThat(h.percentile(0.5)).isCloseTo(2_000, within(2_000 * (0.25 + BUCKET_ERROR)));
    assertThat(h.percentile(0.95)).isCloseTo(1_000_000, within(1_000_000 * (0.1 + BUCKET_ERROR)));
    assertThat(h.counts.length).isLessThan(100);
  }

  @Test
  void everyValueLandsInTheBucketWhoseBoundsHoldIt() {
    for (long v = 1; v < 5_000_000; v = v * 3 / 2 + 1) {
      int i = LatencyHistogram.bucket(v);
      assertThat(Math.pow(2, (i - 1) / 4.0)).as("lower bound of %d", v).isLessThanOrEqualTo(v);
      assertThat(Math.pow(2, i / 4.0)).as("upper bound of %d", v).isGreaterThan(v);
    }
    assertThat(LatencyHistogram.bucket(16)).as("a power of 2^(1/4) opens its bucket").isEqualTo(17);
    assertThat(LatencyHistogram.bucket(0)).isZero();
  }

  @Test
  void aRemovedValueNoLongerCounts_andAnEmptyHistogramHasNoPercentile() {
    LatencyHistogram h = new LatencyHistogram();
    assertThat(h.percentile(0.5)).isNull();
    h.add(5_000);
    h.add(100);
    h.remove(5_000);
    h.add(120);
    assertThat(h.percentile(0.95)).isCloseTo(110, within(110 * 0.2));
    assertThat(h.percentile(0)).isCloseTo(100, within(100 * BUCKET_ERROR));
  }
}
