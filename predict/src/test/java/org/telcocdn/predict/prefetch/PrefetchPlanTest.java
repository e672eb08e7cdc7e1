package org.telcocdn.predict.prefetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PrefetchPlanTest {
  /**
   * Sessions that start at rendition 1 for 3 segments, then half go to 3 and half to 4; a third
   * leave after 3 segments.
   */
  private static AudienceMix mix() {
    AudienceMix mix = new AudienceMix();
    for (int s = 0; s < 300; s++) {
      for (int k = 0; k < 3; k++) mix.record(1, k);
      if (s % 3 == 0) continue;
      for (int k = 3; k < 20; k++) mix.record(s % 2 == 0 ? 3 : 4, k);
    }
    return mix;
  }

  @Test
  void aSmallCrowdGetsTheStartUpSegmentsOnlyALargeOneAlsoWhatPlayersClimbTo() {
    PrefetchPlan plan = new PrefetchPlan(30, 0.6);
    assertThat(plan.targets(mix(), 1)).extracting(PrefetchPlan.Target::rendition).containsOnly(1);
    assertThat(plan.targets(mix(), 1))
        .extracting(PrefetchPlan.Target::position)
        .containsExactlyInAnyOrder(0, 1, 2);
    assertThat(plan.targets(mix(), 20))
        .extracting(PrefetchPlan.Target::rendition)
        .contains(1, 3, 4);
    assertThat(plan.targets(mix(), 20))
        .extracting(PrefetchPlan.Target::position)
        .doesNotContain(20, 25);
  }

  @Test
  void targetsComeMostLikelyFirst() {
    var targets = new PrefetchPlan(30, 0.1).targets(mix(), 3);
    for (int i = 1; i < targets.size(); i++)
      assertThat(targets.get(i).probability())
          .isLessThanOrEqualTo(targets.get(i - 1).probability());
  }

  @Test
  void nothingIsPlannedBeforeAnySessionWasSeen() {
    assertThat(new PrefetchPlan(30, 0.5).targets(new AudienceMix(), 100)).isEmpty();
  }

  @Test
  void limitsAreChecked() {
    assertThatThrownBy(() -> new PrefetchPlan(0, 0.5)).hasMessageContaining("positions");
    assertThatThrownBy(() -> new PrefetchPlan(10, 1)).hasMessageContaining("probability");
  }
}
