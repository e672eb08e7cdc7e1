package org.telcocdn.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.telcocdn.common.config.ConfigException;
import org.telcocdn.common.config.Settings;

class EdgeConfigTest {
  @Test
  void backgroundThreadsKeepTheirPriorityUnlessANiceValueIsSet() {
    assertThat(EdgeConfig.from(Settings.of(Map.of())).backgroundNice()).isZero();
    assertThat(EdgeConfig.from(Settings.of(Map.of("edge.background-nice", "5"))).backgroundNice()).isEqualTo(5);
    assertThatThrownBy(() -> EdgeConfig.from(Settings.of(Map.of("edge.background-nice", "20"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("edge.background-nice");
  }
}
