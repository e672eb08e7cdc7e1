package org.telcocdn.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.internal.PlatformDependent;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.telcocdn.cache.storage.DiskTier;
import org.telcocdn.common.config.Settings;

/** What the edge keeps of shared process resources (direct memory, file descriptors) for itself. */
class ResourceBudgetTest {

  @Test
  void memoryTier_keptToHalfTheDirectMemory_soFillsStillGetBuffers() {
    long half = PlatformDependent.maxDirectMemory() / 2;
    EdgeConfig small = EdgeConfig.from(Settings.of(Map.of("edge.memory.max-bytes", "1MiB")));
    EdgeConfig huge =
        EdgeConfig.from(Settings.of(Map.of("edge.memory.max-bytes", String.valueOf(half * 2 + 1))));

    assertThat(ResourceBudgets.memory(small)).isEqualTo(1L << 20);
    assertThat(ResourceBudgets.memory(huge)).isEqualTo(half);
  }

  @Test
  void openFiles_keptToAQuarterOfTheFileDescriptorLimit_soSocketsStillGetDescriptors() {
    EdgeConfig defaults = EdgeConfig.from(Settings.of(Map.of()));

    assertThat(ResourceBudgets.openFiles(defaults, 1_048_576))
        .isEqualTo(DiskTier.DEFAULT_OPEN_FILES);
    assertThat(ResourceBudgets.openFiles(defaults, 1024)).isEqualTo(256);
  }
}
