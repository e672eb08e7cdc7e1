package org.telcocdn.predict.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelStoreTest {
  @TempDir Path dir;

  @Test
  void whatIsWrittenIsReadBack() throws IOException {
    Path file = dir.resolve("m.bin");
    new ModelStore()
        .put("federated.global", new float[] {1, 2.5f, -3})
        .put("federated.local.e0", new float[] {0.25f})
        .write(file);
    ModelStore read = ModelStore.read(file);
    assertThat(read.entries()).containsOnlyKeys("federated.global", "federated.local.e0");
    assertThat(read.get("federated.global")).containsExactly(1, 2.5f, -3);
    assertThat(read.get("missing")).isNull();
    assertThat(Files.exists(dir.resolve("m.bin.tmp"))).isFalse();
  }

  @Test
  void aDamagedOrForeignFileIsRefusedWithItsReason() throws IOException {
    Path file = dir.resolve("m.bin");
    new ModelStore().put("centralised.shared", new float[] {1, 2, 3}).write(file);
    byte[] whole = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(whole, whole.length - 2));
    assertThatThrownBy(() -> ModelStore.read(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("ends before");
    Files.writeString(file, "method,threshold\n");
    assertThatThrownBy(() -> ModelStore.read(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("magic");
  }

  @Test
  void aModelOfAnotherShapeIsRefused() {
    ModelStore store =
        new ModelStore()
            .put("federated.global", new float[4])
            .put("federated.local.e0", new float[2]);
    assertThat(store.requireFits(4, 2)).isSameAs(store);
    assertThatThrownBy(() -> store.requireFits(5, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("federated.global");
  }
}
