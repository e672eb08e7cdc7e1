package org.telcocdn.cache.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import org.junit.jupiter.api.Test;
import org.telcocdn.cache.policy.SegmentKey;
import org.telcocdn.cache.policy.VideoIds;

class VideoWorkloadTest {
  private static Trace trace(long seed) {
    return new VideoWorkload(new VideoWorkload.Settings(seed, 300, 20_000, 0.9, 3, 4, 1))
        .generate();
  }

  @Test
  void aSeedGivesTheSameTraceAndAnotherSeedAnother() {
    Trace a = trace(7);
    Trace b = trace(7);
    Trace c = trace(8);
    boolean differs = false;
    for (int i = 0; i < a.length(); i++) {
      assertThat(new long[] {a.time(i), a.id(i), a.size(i)})
          .containsExactly(b.time(i), b.id(i), b.size(i));
      differs |= a.id(i) != c.id(i);
    }
    assertThat(a.length()).isEqualTo(20_000);
    assertThat(differs).isTrue();
  }

  @Test
  void requestsAreTimeOrderedSegmentsWithEarlyPositionsMostRequested() {
    Trace t = trace(3);
    long early = 0;
    long late = 0;
    for (int i = 0; i < t.length(); i++) {
      if (i > 0) assertThat(t.time(i)).isGreaterThanOrEqualTo(t.time(i - 1));
      assertThat(VideoIds.isSegment(t.id(i))).isTrue();
      SegmentKey s = VideoIds.shape(t.id(i));
      if (s.index() < 10) early++;
      if (s.index() >= 100 && s.index() < 110) late++;
    }
    assertThat(early).isGreaterThan(3 * late);
  }

  @Test
  void anObjectAlwaysHasOneSize() {
    Trace t = trace(4);
    HashMap<Long, Long> first = new HashMap<>();
    for (int i = 0; i < t.length(); i++) {
      Long size = first.putIfAbsent(t.id(i), t.size(i));
      if (size != null) assertThat(t.size(i)).isEqualTo(size);
    }
    assertThat(first.size()).isLessThan(t.length());
  }
}
