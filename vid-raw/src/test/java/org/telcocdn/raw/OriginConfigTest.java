package org.telcocdn.raw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.telcocdn.common.config.ConfigException;
import org.telcocdn.common.config.Settings;

class OriginConfigTest {
  @Test
  void from_defaultsOfTheContract() {
    OriginConfig c = OriginConfig.from(Settings.of(Map.of()));
    assertThat(c).isEqualTo(new OriginConfig("127.0.0.1", 8090, 9090, Path.of(".cdn/data/origin"),
        "https://127.0.0.1:7081", "bundled", "bundled", 2, List.of(1080, 720, 480, 360), "veryfast", 4L << 30, 64 << 10,
        new org.telcocdn.common.security.SecurityConfig("", "", "", "", Path.of(".cdn/logs/audit"))));
  }

  @Test
  void from_customValues() {
    OriginConfig c = OriginConfig.from(Settings.of(Map.of("origin.renditions", "720, 360", "origin.chunk-bytes", "16KiB",
        "origin.max-upload-bytes", "10MiB", "origin.metadata-url", "http://127.0.0.1:9/")));
    assertThat(c.renditions()).containsExactly(720, 360);
    assertThat(c.chunkBytes()).isEqualTo(16 << 10);
    assertThat(c.maxUploadBytes()).isEqualTo(10 << 20);
    assertThat(c.metadataUrl()).isEqualTo("http://127.0.0.1:9");
  }

  @Test
  void from_refusesNonsense() {
    assertThatThrownBy(() -> OriginConfig.from(Settings.of(Map.of("origin.renditions", "720p"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("origin.renditions");
    assertThatThrownBy(() -> OriginConfig.from(Settings.of(Map.of("origin.x264-preset", "turbo"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("origin.x264-preset");
    assertThatThrownBy(() -> OriginConfig.from(Settings.of(Map.of("origin.chunk-bytes", "64MiB"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("origin.chunk-bytes");
  }
}
