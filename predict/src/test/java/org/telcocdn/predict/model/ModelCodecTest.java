package org.telcocdn.predict.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.telcocdn.predict.signal.Feature;

class ModelCodecTest {
  private final float[] weights =
      new SpikeModel(Feature.COUNT, 16, Sgd.DEFAULT, 19).sharedWeights();

  @Test
  void anUpdateRoundTripsAndFitsTheBudgetPerEdgeAndRound() {
    byte[] bytes = ModelCodec.encode(new ModelUpdate("edge-1", 12, 3456, weights));
    ModelUpdate back = ModelCodec.decodeUpdate(bytes);
    assertThat(back.edge()).isEqualTo("edge-1");
    assertThat(back.baseVersion()).isEqualTo(12);
    assertThat(back.samples()).isEqualTo(3456);
    assertThat(back.weights()).containsExactly(weights);
    assertThat(bytes.length).isLessThan(ModelCodec.MAX_BYTES).isLessThan(2_200);
  }

  @Test
  void aGlobalModelRoundTrips() {
    GlobalModel back = ModelCodec.decodeGlobal(ModelCodec.encode(new GlobalModel(7, weights)));
    assertThat(back.version()).isEqualTo(7);
    assertThat(back.weights()).containsExactly(weights);
  }

  @Test
  void truncatedForgedOrMisdirectedMessagesAreRefusedWithAReason() {
    byte[] update = ModelCodec.encode(new ModelUpdate("edge-1", 1, 1, weights));
    assertThatThrownBy(() -> ModelCodec.decodeUpdate(Arrays.copyOf(update, update.length - 3)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("weights announced");
    assertThatThrownBy(() -> ModelCodec.decodeUpdate(Arrays.copyOf(update, 12)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ModelCodec.decodeGlobal(update)).hasMessageContaining("kind");
    byte[] forged = update.clone();
    forged[0] = 'X';
    assertThatThrownBy(() -> ModelCodec.decodeUpdate(forged)).hasMessageContaining("magic");
    assertThatThrownBy(() -> ModelCodec.decodeUpdate(new byte[ModelCodec.MAX_BYTES + 1]))
        .hasMessageContaining("exceeds");
  }

  @Test
  void aModelTooLargeForTheBudgetIsNotEncoded() {
    assertThatThrownBy(() -> ModelCodec.encode(new GlobalModel(1, new float[20_000])))
        .hasMessageContaining("exceeds");
  }
}
