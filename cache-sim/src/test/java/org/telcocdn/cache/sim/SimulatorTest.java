package org.telcocdn.cache.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.telcocdn.cache.policy.LruPolicy;
import org.telcocdn.cache.policy.VideoIds;

class SimulatorTest {
  @Test
  void warmUpRequestsAreNotCounted() {
    Trace t = Traces.of("AABB", 1); // misses at 0 and 2
    assertThat(new Simulator(t, 0).run(new LruPolicy<>(2), 1).objectMissRatio())
        .isCloseTo(0.5, within(1e-9));
    assertThat(new Simulator(t, 0.25).run(new LruPolicy<>(2), 1).objectMissRatio())
        .isCloseTo(1.0 / 3, within(1e-9));
    assertThat(new Simulator(t, 0.5).run(new LruPolicy<>(2), 1).objectMissRatio())
        .isCloseTo(0.5, within(1e-9));
    assertThat(new Simulator(t, 0.75).run(new LruPolicy<>(2), 1).objectMissRatio()).isZero();
  }

  @Test
  void byteMissRatioWeighsBySize() {
    Trace t = Traces.of("ABAB", 1, 3, 1, 3); // capacity 2 of 4 bytes: only A fits
    Result r = new Simulator(t, 0).run(new LruPolicy<>(new Simulator(t, 0).capacityOf(0.5)), 0.5);
    assertThat(r.byteMissRatio()).isCloseTo(7.0 / 8, within(1e-9));
    assertThat(r.objectMissRatio()).isCloseTo(3.0 / 4, within(1e-9));
  }

  @Test
  void byteMissRatiosAreAlsoSplitBySegmentsAndOtherObjects() {
    long segment = VideoIds.pack(1, 1, 0);
    Trace t =
        new Trace.Builder()
            .add(0, segment, 4)
            .add(1, 7, 1)
            .add(2, segment, 4)
            .add(3, 8, 1)
            .add(4, 7, 1)
            .build();
    Result r =
        new Simulator(t, 0).run(new LruPolicy<>(5), 1); // the segment hits once, 7 is evicted by 8
    assertThat(r.segmentByteMissRatio()).isCloseTo(4.0 / 8, within(1e-9));
    assertThat(r.otherByteMissRatio()).isCloseTo(1.0, within(1e-9));
    assertThat(r.byteMissRatio()).isCloseTo(7.0 / 11, within(1e-9));
    assertThat(r.mixed()).isTrue();
    assertThat(new Simulator(Traces.of("AB", 1), 0).run(new LruPolicy<>(2), 1).mixed()).isFalse();
  }

  @Test
  void sizesAreFractionsOfTheWorkingSet() {
    Trace t = Traces.of("ABAC", 10, 20, 10, 30);
    assertThat(t.workingSetBytes()).isEqualTo(60);
    assertThat(new Simulator(t, 0).capacityOf(0.5)).isEqualTo(30);
  }

  @Test
  void refusesAWarmUpOfTheWholeTrace() {
    assertThatThrownBy(() -> new Simulator(Traces.of("A", 1), 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
