package org.telcocdn.predict.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SpikeModelTest {
  @Test
  void learnsToScoreGrowingTitlesAboveCalmOnes() {
    SpikeModel model = new SpikeModel(3, 4, Sgd.DEFAULT, 1);
    SplittableRandom random = new SplittableRandom(2);
    float[] growing = {1, 2, 0};
    float[] calm = {1, 0, 0};
    double before = model.probability(growing);
    for (int i = 0; i < 20_000; i++) {
      boolean spike = random.nextDouble() < 0.1;
      float[] x = {
        1,
        (float) (spike ? 2 + random.nextGaussian() * 0.2 : random.nextGaussian() * 0.2),
        (float) random.nextGaussian()
      };
      model.learn(x, spike, spike ? 5 : 1, 1);
    }
    assertThat(model.probability(growing)).isGreaterThan(0.5).isGreaterThan(before);
    assertThat(model.probability(calm)).isLessThan(0.1);
    assertThat(model.expectedLogRequests(growing)).isGreaterThan(model.expectedLogRequests(calm));
  }

  @Test
  void startsFromTheSamePointOnEveryEdgeAndFromARareSpikePrior() {
    SpikeModel a = new SpikeModel(5, 3, Sgd.DEFAULT, 7);
    SpikeModel b = new SpikeModel(5, 3, Sgd.DEFAULT, 7);
    assertThat(a.sharedWeights()).containsExactly(b.sharedWeights());
    assertThat(a.sharedWeights()).hasSize(SpikeModel.sharedSize(5, 3));
    assertThat(a.probability(new float[5])).isLessThan(0.05);
  }

  @Test
  void refusesASharedPartOfAnotherShape() {
    SpikeModel model = new SpikeModel(5, 3, Sgd.DEFAULT, 7);
    assertThatThrownBy(() -> model.adoptShared(new float[3])).hasMessageContaining("does not fit");
  }
}
