package org.telcocdn.cache.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GhostTest {
  @Test
  void remembersTheObjectsAmongTheLastCoverageBytesEvicted() {
    Ghost ghost = new Ghost(16, 300);
    ghost.add(1, 100);
    ghost.add(2, 100);
    ghost.add(3, 100);
    ghost.add(4, 100);
    assertThat(ghost.take(1)).as("it and the 300 bytes after it exceed the coverage").isFalse();
    assertThat(ghost.take(2)).isTrue();
    assertThat(ghost.take(3)).isTrue();
    assertThat(ghost.take(3)).as("taken once, forgotten").isFalse();
    assertThat(ghost.take(5)).as("never evicted").isFalse();
  }

  @Test
  void aWiderCoverageRemembersFurtherBack() {
    Ghost ghost = new Ghost(16, 100);
    ghost.add(1, 100);
    ghost.add(2, 100);
    ghost.coverage(1_000);
    assertThat(ghost.take(1)).isTrue();
  }

  @Test
  void staysWithinItsTableWhateverIsEvictedForgettingTheOldestFirst() {
    Ghost ghost = new Ghost(1, Long.MAX_VALUE); // the smallest table: MIN_SLOTS
    for (long i = 1; i <= 10 * Ghost.MIN_SLOTS; i++) ghost.add(Hashes.mix(i), 1);
    int oldKept = 0;
    int newKept = 0;
    for (long i = 1; i <= Ghost.MIN_SLOTS; i++) if (ghost.take(Hashes.mix(i))) oldKept++;
    for (long i = 9L * Ghost.MIN_SLOTS + 1; i <= 10 * Ghost.MIN_SLOTS; i++)
      if (ghost.take(Hashes.mix(i))) newKept++;
    assertThat(oldKept).isLessThan(Ghost.MIN_SLOTS / 50);
    assertThat(newKept).isGreaterThan(Ghost.MIN_SLOTS / 2);
  }

  @Test
  void anObjectEvictedAgainIsStampedAgain() {
    Ghost ghost = new Ghost(16, 150);
    ghost.add(1, 100);
    ghost.add(2, 100);
    ghost.add(1, 10); // evicted again after a return
    ghost.add(3, 100);
    assertThat(ghost.take(2)).isFalse();
    assertThat(ghost.take(1)).isTrue();
  }
}
