package org.telcocdn.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.telcocdn.common.config.ConfigException;
import org.telcocdn.common.config.Settings;

class ControllerConfigTest {
  @Test
  void from_defaults() {
    ControllerConfig c = ControllerConfig.from(Settings.of(Map.of()));
    assertThat(c.port()).isEqualTo(8096);
    assertThat(c.interval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.indexPeers()).isEmpty();
    assertThat(c.allocation().prefixSegments()).isEqualTo(900);
    assertThat(c.defaultEdgeCapacity()).isEqualTo(10L << 30);
  }

  @Test
  void from_customValuesAndTrailingSlashes() {
    ControllerConfig c =
        ControllerConfig.from(
            Settings.of(
                Map.of(
                    "controller.broker-url",
                    "http://b:1/",
                    "controller.head-share",
                    "0",
                    "controller.index.peers",
                    "n1=127.0.0.1:9861",
                    "controller.default-edge-capacity",
                    "2GiB")));
    assertThat(c.brokerUrl()).isEqualTo("http://b:1");
    assertThat(c.allocation().headShare()).isZero();
    assertThat(c.indexPeers()).hasSize(1);
    assertThat(c.defaultEdgeCapacity()).isEqualTo(2L << 30);
  }

  @Test
  void from_badValuesNameTheKey() {
    assertThatThrownBy(
            () -> ControllerConfig.from(Settings.of(Map.of("controller.head-share", "1.5"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("controller.head-share");
    assertThatThrownBy(() -> ControllerConfig.from(Settings.of(Map.of("controller.keep", "1"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("controller.keep");
    assertThatThrownBy(
            () -> ControllerConfig.from(Settings.of(Map.of("controller.interval", "10ms"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("controller.interval");
  }
}
