package org.telcocdn.cache.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FrequencySketchTest {
  @Test
  void neverUnderestimatesAndHalvesAfterItsPeriod() {
    AtomicInteger halvings = new AtomicInteger();
    FrequencySketch sketch = new FrequencySketch(1024, 100, halvings::incrementAndGet);
    for (int i = 0; i < 40; i++) sketch.increment(7);
    for (int i = 0; i < 40; i++) sketch.increment(1000 + i);
    assertThat(sketch.estimate(7)).isGreaterThanOrEqualTo(40);
    for (int i = 0; i < 20; i++) sketch.increment(7);
    assertThat(halvings.get()).isEqualTo(1);
    assertThat(sketch.estimate(7)).isBetween(30, 35);
  }
}
