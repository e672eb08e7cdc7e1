package org.telcocdn.predict.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class FedAvgTest {
  private final FedAvg controller = new FedAvg(new GlobalModel(0, new float[] {0, 0}), 1_000);

  @Test
  void averagesSharedWeightsBySampleCountAndRaisesTheVersion() {
    FedAvg.Round round =
        controller.aggregate(
            List.of(
                new ModelUpdate("e1", 0, 100, new float[] {1, 2}),
                new ModelUpdate("e2", 0, 300, new float[] {5, 6})));
    assertThat(round.accepted()).isEqualTo(2);
    assertThat(round.model().version()).isEqualTo(1);
    assertThat(round.model().weights()).containsExactly(4f, 5f);
  }

  @Test
  void staleEmptyAndMalformedUpdatesDoNotCount() {
    FedAvg.Round round =
        controller.aggregate(
            List.of(
                new ModelUpdate("stale", 7, 100, new float[] {9, 9}),
                new ModelUpdate("empty", 0, 0, new float[] {9, 9}),
                new ModelUpdate("short", 0, 100, new float[] {9}),
                new ModelUpdate("nan", 0, 100, new float[] {Float.NaN, 1}),
                new ModelUpdate("good", 0, 10, new float[] {3, -3})));
    assertThat(round)
        .extracting(
            FedAvg.Round::accepted,
            FedAvg.Round::stale,
            FedAvg.Round::empty,
            FedAvg.Round::rejected)
        .containsExactly(1, 1, 1, 2);
    assertThat(round.model().weights()).containsExactly(3f, -3f);
  }

  @Test
  void aRoundWithoutUsableUpdatesKeepsModelAndVersion() {
    FedAvg.Round round =
        controller.aggregate(List.of(new ModelUpdate("empty", 0, 0, new float[] {1, 1})));
    assertThat(round.model().version()).isZero();
    assertThat(round.model().weights()).containsExactly(0f, 0f);
  }

  @Test
  void oneEdgeCannotOutweighTheOthersByItsCountAlone() {
    FedAvg.Round round =
        controller.aggregate(
            List.of(
                new ModelUpdate("loud", 0, 1_000_000_000, new float[] {10, 10}),
                new ModelUpdate("quiet", 0, 1_000, new float[] {0, 0})));
    assertThat(round.model().weights()).containsExactly(5f, 5f);
  }

  @Test
  void anEdgeKeepsItsLocalPartWhenItAdoptsTheGlobalModel() {
    SpikeModel model = new SpikeModel(3, 2, Sgd.DEFAULT, 1);
    float[] x = {1, 2, 3};
    for (int i = 0; i < 50; i++) model.learn(x, true, 1, 1);
    float[] local = model.localWeights();
    FederatedEdge edge =
        new FederatedEdge(
            "e1", model, new GlobalModel(0, new SpikeModel(3, 2, Sgd.DEFAULT, 1).sharedWeights()));
    GlobalModel next = new GlobalModel(4, new float[SpikeModel.sharedSize(3, 2)]);
    edge.adopt(next);
    assertThat(edge.version()).isEqualTo(4);
    assertThat(model.sharedWeights()).containsOnly(0f);
    assertThat(model.localWeights()).containsExactly(local);
    edge.adopt(new GlobalModel(3, new SpikeModel(3, 2, Sgd.DEFAULT, 1).sharedWeights()));
    assertThat(edge.version()).as("an older model is ignored").isEqualTo(4);
  }

  @Test
  void anUpdateCarriesTheSamplesOfItsRoundOnly() {
    SpikeModel model = new SpikeModel(2, 2, Sgd.DEFAULT, 1);
    FederatedEdge edge = new FederatedEdge("e1", model, new GlobalModel(0, model.sharedWeights()));
    model.learn(new float[] {1, 0}, false, 0, 1);
    model.learn(new float[] {0, 1}, false, 0, 1);
    assertThat(edge.update().samples()).isEqualTo(2);
    assertThat(edge.update().samples()).isZero();
  }

  @Test
  void theSampleCapMustBePositive() {
    assertThatThrownBy(() -> new FedAvg(new GlobalModel(0, new float[1]), 0))
        .hasMessageContaining("cap");
  }
}
