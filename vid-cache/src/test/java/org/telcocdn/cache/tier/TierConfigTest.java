package org.telcocdn.cache.tier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.telcocdn.common.config.ConfigException;
import org.telcocdn.common.config.Settings;

class TierConfigTest {
  @Test
  void defaults_anEdgeWithoutParents() {
    TierConfig config = TierConfig.from(Settings.of(Map.of()));

    assertThat(config.role()).isEqualTo(TierRole.EDGE);
    assertThat(config.hasParents()).isFalse();
    assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.headTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.retryAfter()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.askNextAfter()).isEqualTo(Duration.ofMillis(500));
    assertThat(from("edge.parents.ask-next-after", "0s").askNextAfter()).isZero();
  }

  @Test
  void parents_areReadAsNameEqualsControlUrl() {
    TierConfig config =
        TierConfig.from(
            Settings.of(
                Map.of(
                    "edge.parents.primary",
                    "regional-1=https://10.200.3.10:7101, regional-3=https://10.200.3.11:7101",
                    "edge.parents.secondary",
                    "regional-2=https://10.200.4.10:7101",
                    "edge.tier",
                    "Regional")));

    assertThat(config.role()).isEqualTo(TierRole.REGIONAL);
    assertThat(config.parentTier()).isTrue();
    assertThat(config.primary())
        .containsExactly(
            new Parent("regional-1", URI.create("https://10.200.3.10:7101")),
            new Parent("regional-3", URI.create("https://10.200.3.11:7101")));
    assertThat(config.secondary()).extracting(Parent::name).containsExactly("regional-2");
  }

  @Test
  void badValues_failWithTheKeyAndTheRule() {
    assertThatThrownBy(() -> from("edge.tier", "mid"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("edge.tier must be edge, regional or cloud, was 'mid'");
    assertThatThrownBy(() -> from("edge.parents.primary", "regional-1"))
        .hasMessageContaining("edge.parents.primary must be name=https://host:port");
    assertThatThrownBy(() -> from("edge.parents.primary", "r1=http://10.0.0.1:7101"))
        .hasMessageContaining("a parent's URL is its control listener, https://host:port");
    assertThatThrownBy(() -> from("edge.parents.primary", "r1=https://a:1,r1=https://b:2"))
        .hasMessageContaining("names a cache twice");
    assertThatThrownBy(() -> from("edge.parents.secondary", "r1=https://a:1"))
        .hasMessageContaining("edge.parents.secondary needs edge.parents.primary");
    assertThatThrownBy(() -> from("edge.parents.ask-next-after", "PT-1S"))
        .hasMessageContaining("edge.parents.ask-next-after must be 0s (never) or more");
  }

  private static TierConfig from(String key, String value) {
    return TierConfig.from(Settings.of(Map.of(key, value)));
  }
}
