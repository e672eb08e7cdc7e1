package org.telcocdn.cache.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.telcocdn.cache.policy.VideoIds;

class MixedWorkloadTest {
  private static MixedWorkload.Settings settings(long seed, double share) {
    return new MixedWorkload.Settings(
        new VideoWorkload.Settings(seed, 200, 20_000, 0.9, 2, 2, 1),
        new GeneralWorkload.Settings(seed + 1, 2_000, 0, 0.8, 0.2),
        share);
  }

  @Test
  void interleavesBothKindsAtTheGivenShareInTimeOrder() {
    Trace t = new MixedWorkload(settings(3, 0.3)).generate();
    int general = 0;
    for (int i = 0; i < t.length(); i++) {
      if (!VideoIds.isSegment(t.id(i))) general++;
      if (i > 0) assertThat(t.time(i)).isGreaterThanOrEqualTo(t.time(i - 1));
    }
    assertThat(t.length()).isEqualTo(20_000);
    assertThat(general).isEqualTo(6_000);
    assertThat((double) general / t.length()).isCloseTo(0.3, within(1e-9));
  }

  @Test
  void aSeedGivesTheSameTrace() {
    Trace a = new MixedWorkload(settings(5, 0.5)).generate();
    Trace b = new MixedWorkload(settings(5, 0.5)).generate();
    for (int i = 0; i < a.length(); i++) {
      assertThat(new long[] {a.time(i), a.id(i), a.size(i)})
          .containsExactly(b.time(i), b.id(i), b.size(i));
    }
  }

  @Test
  void aShareOutsideZeroToOneIsRefused() {
    assertThatThrownBy(() -> settings(1, 1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[0, 1]");
  }
}
