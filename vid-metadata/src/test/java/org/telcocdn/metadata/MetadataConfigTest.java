package org.telcocdn.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.telcocdn.common.config.ConfigException;
import org.telcocdn.common.config.Settings;

class MetadataConfigTest {
  @Test
  void defaults_matchTheContract() {
    MetadataConfig config = MetadataConfig.from(Settings.of(Map.of()));

    assertThat(config)
        .isEqualTo(
            new MetadataConfig(
                "127.0.0.1",
                8081,
                "jdbc:h2:file:.cdn/data/metadata/videos",
                "sa",
                "",
                "http://127.0.0.1:8080",
                64 * 1024));
    assertThat(config.postgres()).isFalse();
  }

  @Test
  void custom_values_andTrailingSlashOfBroker() {
    MetadataConfig config =
        MetadataConfig.from(
            Settings.of(
                Map.of(
                    "metadata.port",
                    "0",
                    "metadata.db.url",
                    "jdbc:postgresql://127.0.0.1:5432/cdn",
                    "metadata.broker-url",
                    "http://127.0.0.1:9999/",
                    "metadata.max-body-bytes",
                    "1MiB")));

    assertThat(config.postgres()).isTrue();
    assertThat(config.brokerUrl()).isEqualTo("http://127.0.0.1:9999");
    assertThat(config.maxBodyBytes()).isEqualTo(1 << 20);
  }

  @Test
  void badValues_failFastNamingKeyAndValue() {
    assertThatThrownBy(
            () -> MetadataConfig.from(Settings.of(Map.of("metadata.db.url", "jdbc:mysql://x"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("metadata.db.url")
        .hasMessageContaining("jdbc:mysql://x");
    assertThatThrownBy(
            () -> MetadataConfig.from(Settings.of(Map.of("metadata.broker-url", "ftp://x"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("metadata.broker-url")
        .hasMessageContaining("ftp://x");
    assertThatThrownBy(() -> MetadataConfig.from(Settings.of(Map.of("metadata.port", "http"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("metadata.port");
  }
}
