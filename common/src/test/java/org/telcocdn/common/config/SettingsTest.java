package org.telcocdn.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {
  @Test
  void envName_upperCasesAndReplacesSeparators() {
    assertThat(Settings.envName("edge.disk.max-bytes")).isEqualTo("CDN_EDGE_DISK_MAX_BYTES");
  }

  @Test
  void typedValues_parseHumanForms() {
    Settings s =
        Settings.of(Map.of("a.bytes", "2GiB", "a.kb", "10kB", "a.time", "250ms", "a.flag", "true"));
    assertThat(s.bytes("a.bytes", 0, 0)).isEqualTo(2L << 30);
    assertThat(s.bytes("a.kb", 0, 0)).isEqualTo(10_000);
    assertThat(s.duration("a.time", Duration.ZERO)).isEqualTo(Duration.ofMillis(250));
    assertThat(s.bool("a.flag", false)).isTrue();
  }

  @Test
  void defaults_areDescribedAsDefault() {
    Settings s = Settings.of(Map.of("b.port", "9000"));
    s.port("a.port", 8080);
    s.port("b.port", 8080);
    assertThat(s.described()).containsExactly("a.port = 8080 (default)", "b.port = 9000 (custom)");
  }

  @Test
  void reads_recordEveryKeyWithItsDefaultInTheFormItIsWritten() {
    Settings s = Settings.of(Map.of("c.size", "2GiB"));
    s.string("c.name", "edge-1");
    s.bytes("c.size", 1 << 20, 0);
    s.duration("c.every", Duration.ofMillis(1500));
    s.duration("c.window", Duration.ofMinutes(5));
    s.bool("c.on", true);
    s.intValue("c.threads", 2, 1, 8);

    assertThat(s.reads())
        .containsExactly(
            new Settings.Read("c.name", "edge-1", "edge-1"),
            new Settings.Read("c.size", "2GiB", "1048576"),
            new Settings.Read("c.every", "1500ms", "1500ms"),
            new Settings.Read("c.window", "300s", "300s"),
            new Settings.Read("c.on", "true", "true"),
            new Settings.Read("c.threads", "2", "2"));
    assertThat(s.reads().get(1).custom()).isTrue();
  }

  @Test
  void badValues_failFastNamingKeyAndValue() {
    Settings s =
        Settings.of(Map.of("p", "70000", "n", "ten", "d", "soon", "f", "yes", "b", "lots"));
    assertThatThrownBy(() -> s.port("p", 1))
        .hasMessageContaining("p must be between 0 and 65535, was 70000");
    assertThatThrownBy(() -> s.intValue("n", 1, 0, 5))
        .hasMessageContaining("n must be a whole number, was 'ten'");
    assertThatThrownBy(() -> s.duration("d", Duration.ZERO)).hasMessageContaining("'soon'");
    assertThatThrownBy(() -> s.bool("f", true)).hasMessageContaining("true or false");
    assertThatThrownBy(() -> s.bytes("b", 1, 0)).hasMessageContaining("byte count");
  }

  @Test
  void secrets_areMaskedInDescriptions() {
    Settings s = Settings.of(Map.of("db.password", "hunter2"));
    s.string("db.password", "");
    assertThat(s.described()).containsExactly("db.password = **** (custom)");
  }

  @Test
  void overrides_winOverEarlierLayers() {
    Settings s = Settings.of(Map.of("k", "1")).with(Map.of("k", "2"));
    assertThat(s.string("k", "0")).isEqualTo("2");
  }
}
