package org.telcocdn.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.telcocdn.index.History.Kind;
import org.telcocdn.index.History.Op;

class VersionLinearizabilityTest {
  private static Op bump(long from, long to, long version) {
    return new Op("a", Kind.BUMP, from, to, version);
  }

  private static Op read(long from, long to, long version) {
    return new Op("a", Kind.READ, from, to, version);
  }

  private static Op lostBump(long from) {
    return new Op("a", Kind.BUMP, from, Op.NEVER, null);
  }

  @Test
  void sequentialHistory_isLinearizable() {
    assertThat(
            VersionLinearizability.linearizable(
                List.of(bump(0, 1, 1), bump(2, 3, 2), read(4, 5, 2))))
        .isTrue();
  }

  @Test
  void overlappingBumps_mayCompleteInEitherOrder() {
    assertThat(
            VersionLinearizability.linearizable(
                List.of(bump(0, 10, 2), bump(1, 5, 1), read(11, 12, 2))))
        .isTrue();
  }

  @Test
  void readOverlappingABump_mayReturnEitherVersion() {
    assertThat(
            VersionLinearizability.linearizable(
                List.of(bump(0, 1, 1), bump(2, 10, 2), read(3, 4, 1))))
        .isTrue();
    assertThat(
            VersionLinearizability.linearizable(
                List.of(bump(0, 1, 1), bump(2, 10, 2), read(3, 4, 2))))
        .isTrue();
  }

  @Test
  void staleRead_afterAnAcknowledgedBump_isRejected() {
    assertThat(VersionLinearizability.linearizable(List.of(bump(0, 1, 1), read(2, 3, 0))))
        .isFalse();
  }

  @Test
  void lostAcknowledgedWrite_isRejected() {
    assertThat(
            VersionLinearizability.linearizable(
                List.of(bump(0, 1, 1), bump(2, 3, 2), read(4, 5, 1))))
        .isFalse();
  }

  @Test
  void sameVersionTwice_isRejected() {
    assertThat(VersionLinearizability.linearizable(List.of(bump(0, 5, 1), bump(1, 6, 1))))
        .isFalse();
  }

  @Test
  void readGoingBackInTime_isRejected() {
    assertThat(
            VersionLinearizability.linearizable(
                List.of(bump(0, 20, 1), read(1, 3, 1), read(4, 6, 0))))
        .isFalse();
  }

  @Test
  void unknownBump_mayHaveHappenedOrNot() {
    assertThat(
            VersionLinearizability.linearizable(List.of(lostBump(0), read(5, 6, 1), bump(7, 8, 2))))
        .isTrue();
    assertThat(
            VersionLinearizability.linearizable(List.of(lostBump(0), read(5, 6, 0), bump(7, 8, 1))))
        .isTrue();
    assertThat(VersionLinearizability.linearizable(List.of(lostBump(0), read(5, 6, 2)))).isFalse();
  }

  @Test
  void violations_areReportedPerTitle() {
    History history = new History();
    history.completed("a", Kind.BUMP, 0, 1, 1);
    history.completed("a", Kind.READ, 2, 3, 1);
    history.completed("b", Kind.BUMP, 0, 1, 1);
    history.completed("b", Kind.READ, 2, 3, 0);
    assertThat(VersionLinearizability.violations(history)).containsExactly("b");
  }
}
