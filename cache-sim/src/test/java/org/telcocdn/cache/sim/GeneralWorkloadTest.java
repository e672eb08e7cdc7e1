package org.telcocdn.cache.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.telcocdn.cache.policy.VideoIds;

class GeneralWorkloadTest {
  private static Trace trace(int drift) {
    return new GeneralWorkload(
            new GeneralWorkload.Settings(2, 1_000, 20_000, 1.0, 0.1, 500, 5_000, drift))
        .generate();
  }

  /** The most requested object of requests {@code [from, to)}. */
  private static long top(Trace t, int from, int to) {
    Map<Long, Integer> counts = new HashMap<>();
    for (int i = from; i < to; i++) counts.merge(t.id(i), 1, Integer::sum);
    return counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
  }

  @Test
  void sizesStayInTheirRangeAndIdsArePlainObjects() {
    Trace t = trace(0);
    for (int i = 0; i < t.length(); i++) {
      assertThat(t.size(i)).isBetween(500L, 5_000L);
      assertThat(VideoIds.isSegment(t.id(i))).isFalse();
    }
  }

  @Test
  void withoutDriftTheSameObjectLeadsThroughoutWithDriftNewOnesTakeOver() {
    Trace fixed = trace(0);
    assertThat(top(fixed, 0, 5_000)).isEqualTo(top(fixed, 15_000, 20_000));
    Trace drifting = trace(100);
    assertThat(top(drifting, 0, 5_000)).isNotEqualTo(top(drifting, 15_000, 20_000));
    Set<Long> early = new HashSet<>();
    for (int i = 0; i < 1_000; i++) early.add(drifting.id(i));
    long lateFromEarly = 0;
    for (int i = 19_000; i < 20_000; i++) if (early.contains(drifting.id(i))) lateFromEarly++;
    assertThat(lateFromEarly).isLessThan(500);
  }

  @Test
  void theShortSettingsAreTheFormerDefaults() {
    assertThat(new GeneralWorkload.Settings(1, 10, 100, 0.8, 0.2))
        .isEqualTo(new GeneralWorkload.Settings(1, 10, 100, 0.8, 0.2, 1024, 4L << 20, 0));
  }

  @Test
  void badSizesOrDriftAreRefused() {
    assertThatThrownBy(() -> new GeneralWorkload.Settings(1, 10, 100, 0.8, 0.2, 10, 5, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new GeneralWorkload.Settings(1, 10, 100, 0.8, 0.2, 1, 5, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
