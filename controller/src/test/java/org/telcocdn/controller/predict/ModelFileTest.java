package org.telcocdn.controller.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.common.config.ConfigException;
import org.telcocdn.predict.model.GlobalModel;
import org.telcocdn.predict.model.ModelCodec;
import org.telcocdn.predict.model.ModelStore;
import org.telcocdn.predict.model.Sgd;
import org.telcocdn.predict.model.SpikeModel;
import org.telcocdn.predict.signal.Feature;

/**
 * {@code controller.predict.model} takes a {@code ModelCodec} global message or the model store
 * {@code cdn predict tune --model-out} writes, whose federated global model becomes version 0.
 */
class ModelFileTest {
  @TempDir Path dir;
  private final float[] trained =
      new SpikeModel(Feature.COUNT, FederatedRounds.HIDDEN, Sgd.DEFAULT, 7).sharedWeights();

  @Test
  void aTunedModelStoreIsReadAsTheFirstGlobalModel() throws Exception {
    Path file = dir.resolve("models.bin");
    new ModelStore()
        .put(ModelStore.FEDERATED_GLOBAL, trained)
        .put("federated.local.e0", new float[] {1, 2})
        .put("centralised.shared", new float[] {3})
        .write(file);
    GlobalModel model = FederatedRounds.initial(file);
    assertThat(model.version()).isZero();
    assertThat(model.weights()).containsExactly(trained);
  }

  @Test
  void aModelCodecGlobalMessageStillIs() throws Exception {
    Path file = dir.resolve("global.bin");
    Files.write(file, ModelCodec.encode(new GlobalModel(4, trained)));
    assertThat(FederatedRounds.initial(file).version()).isEqualTo(4);
  }

  @Test
  void theBundledModelIsTheTunedOneAndEmptyIsAFreshOne() {
    GlobalModel fresh = FederatedRounds.initial("");
    GlobalModel bundled = FederatedRounds.initial(FederatedRounds.BUNDLED);
    assertThat(bundled.version()).isZero();
    assertThat(bundled.weights()).hasSameSizeAs(fresh.weights());
    assertThat(bundled.weights()).as("tuned, not the fresh start").isNotEqualTo(fresh.weights());
    assertThatThrownBy(() -> FederatedRounds.initial(dir.resolve("absent.bin").toString()))
        .as("any other value is a file")
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("absent.bin");
  }

  @Test
  void aStoreWithoutTheFederatedModelOrOfAnotherShapeIsRefusedWithItsReason() throws Exception {
    Path none = dir.resolve("none.bin");
    new ModelStore().put("centralised.shared", trained).write(none);
    assertThatThrownBy(() -> FederatedRounds.initial(none))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(ModelStore.FEDERATED_GLOBAL);
    Path small = dir.resolve("small.bin");
    new ModelStore().put(ModelStore.FEDERATED_GLOBAL, new float[] {1, 2, 3}).write(small);
    assertThatThrownBy(() -> FederatedRounds.initial(small))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("holds 3 weights");
  }
}
