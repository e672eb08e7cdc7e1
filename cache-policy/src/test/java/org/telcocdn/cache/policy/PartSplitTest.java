package org.telcocdn.cache.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PartSplitTest {
  @Test
  void startsEvenAndGrowsThePartWhoseGhostIsHit() {
    PartSplit split = new PartSplit(1_000, 10);
    assertThat(split.othersTarget()).isEqualTo(500);
    split.evicted(false, 7, 50);
    split.missed(false, 7, 50);
    assertThat(split.othersTarget()).isEqualTo(550);
    split.evicted(true, 8, 200);
    split.missed(true, 8, 200);
    assertThat(split.othersTarget()).isEqualTo(350);
    split.missed(true, 9, 200);
    assertThat(split.othersTarget())
        .as("a miss its ghost does not hold moves nothing")
        .isEqualTo(350);
  }

  @Test
  void theTargetStaysWithinTheBudget() {
    PartSplit split = new PartSplit(1_000, 10);
    for (long k = 1; k <= 20; k++) {
      split.evicted(true, k, 100);
      split.missed(true, k, 100);
    }
    assertThat(split.othersTarget()).isZero();
    for (long k = 100; k <= 120; k++) {
      split.evicted(false, k, 100);
      split.missed(false, k, 100);
    }
    assertThat(split.othersTarget()).isEqualTo(1_000);
  }

  @Test
  void roomIsMadeInThePartOverItsTargetElseInTheNewcomersOwn() {
    PartSplit split = new PartSplit(1_000, 10); // targets 500 / 500
    assertThat(split.evictSegment(true, 400, 600)).as("others over their target").isFalse();
    assertThat(split.evictSegment(true, 520, 480))
        .as("a segment comes, others within: its own part")
        .isTrue();
    assertThat(split.evictSegment(false, 600, 400)).as("segments over their target").isTrue();
    assertThat(split.evictSegment(false, 480, 520))
        .as("another object comes, segments within")
        .isFalse();
  }

  @Test
  void anEmptyPartIsNeverAskedForRoom() {
    PartSplit split = new PartSplit(1_000, 10);
    assertThat(split.evictSegment(true, 0, 1_000)).isFalse();
    assertThat(split.evictSegment(false, 1_000, 0)).isTrue();
  }
}
