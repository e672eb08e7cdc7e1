package org.telcocdn.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.telcocdn.common.config.ConfigException;
import org.telcocdn.common.config.Settings;

class BrokerConfigTest {
  @Test
  void ioThreadsDefaultToTheAvailableCoresAndCanBeSet() {
    assertThat(BrokerConfig.from(Settings.of(Map.of())).ioThreads())
        .isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(BrokerConfig.from(Settings.of(Map.of("broker.io-threads", "3"))).ioThreads())
        .isEqualTo(3);
  }

  @Test
  void ioThreadsOutsideOneToSixtyFourAreRefused() {
    assertThatThrownBy(() -> BrokerConfig.from(Settings.of(Map.of("broker.io-threads", "0"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("broker.io-threads");
    assertThatThrownBy(() -> BrokerConfig.from(Settings.of(Map.of("broker.io-threads", "many"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("broker.io-threads");
  }

  @Test
  void backgroundThreadsRunAtNiceTenUnlessSetAndZeroTurnsItOff() {
    assertThat(BrokerConfig.from(Settings.of(Map.of())).backgroundNice()).isEqualTo(10);
    assertThat(
            BrokerConfig.from(Settings.of(Map.of("broker.background-nice", "0"))).backgroundNice())
        .isZero();
    assertThat(BrokerConfig.forTests().backgroundNice()).isZero();
    assertThatThrownBy(() -> BrokerConfig.from(Settings.of(Map.of("broker.background-nice", "20"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("broker.background-nice");
  }
}
