package org.telcocdn.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.accesslog.AccessEvent;
import org.telcocdn.accesslog.ClientAddress;
import org.telcocdn.common.config.ConfigException;
import org.telcocdn.common.config.Settings;

class EdgeConfigTest {
  @TempDir Path dir;

  @Test
  void backgroundThreadsKeepTheirPriorityUnlessANiceValueIsSet() {
    assertThat(EdgeConfig.from(Settings.of(Map.of())).backgroundNice()).isZero();
    assertThat(EdgeConfig.from(Settings.of(Map.of("edge.background-nice", "5"))).backgroundNice())
        .isEqualTo(5);
    assertThatThrownBy(() -> EdgeConfig.from(Settings.of(Map.of("edge.background-nice", "20"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("edge.background-nice");
  }

  @Test
  void duressAndAccessLogKeysAreReadHere_andEachValueIsLoggedOnce() {
    Settings s =
        Settings.of(
            Map.of(
                "edge.duress-connections",
                "500",
                "edge.duress-egress",
                "10000000",
                "edge.access-log.dir",
                "/var/log/cdn",
                "edge.access-log.client-address",
                "hashed",
                "edge.access-log.hash-salt",
                "pepper",
                "edge.access-log.max-file-age",
                "10m",
                "edge.access-log.queue",
                "1024"));

    EdgeConfig config = EdgeConfig.from(s);

    assertThat(config.duress()).isEqualTo(new EdgeConfig.DuressThresholds(500, 10_000_000));
    EdgeConfig.AccessLog log = config.accessLog();
    assertThat(log.enabled()).isTrue();
    assertThat(log.dir()).isEqualTo(Path.of("/var/log/cdn"));
    assertThat(log.clientAddress()).isEqualTo(ClientAddress.HASHED);
    assertThat(log.hashSalt()).isEqualTo("pepper");
    assertThat(log.rotation().maxAge()).isEqualTo(Duration.ofMinutes(10));
    assertThat(log.rotation().maxBytes()).isEqualTo(64L << 20);
    assertThat(log.queue()).isEqualTo(1024);
    List<String> keys =
        s.described().stream().map(line -> line.substring(0, line.indexOf(" = "))).toList();
    assertThat(keys)
        .doesNotHaveDuplicates()
        .contains(
            "edge.duress-connections",
            "edge.duress-egress",
            "edge.access-log.enabled",
            "edge.access-log.dir",
            "edge.access-log.ship-url",
            "edge.access-log.client-address",
            "edge.access-log.hash-salt",
            "edge.access-log.max-file-bytes",
            "edge.access-log.max-file-age",
            "edge.access-log.queue");
    assertThat(s.described())
        .contains("edge.access-log.hash-salt = **** (custom)")
        .noneMatch(line -> line.contains("pepper"));
  }

  @Test
  void badAccessLogValuesNameTheirKey() {
    assertThatThrownBy(
            () -> EdgeConfig.from(Settings.of(Map.of("edge.access-log.client-address", "partial"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("edge.access-log.client-address")
        .hasMessageContaining("partial");
    assertThatThrownBy(
            () -> EdgeConfig.from(Settings.of(Map.of("edge.access-log.max-file-age", "0s"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("edge.access-log.max-file-age");
    assertThatThrownBy(() -> EdgeConfig.from(Settings.of(Map.of("edge.duress-connections", "-1"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("edge.duress-connections");
  }

  @Test
  void theAccessLogIsWrittenWhereTheConfigSays_orNotAtAll() throws Exception {
    EdgeConfig on =
        EdgeConfig.from(
            Settings.of(Map.of("edge.name", "edge-9", "edge.access-log.dir", dir.toString())));
    try (EdgeAccessLog log = EdgeAccessLog.open(on)) {
      log.writer()
          .offer(
              new AccessEvent(
                  0,
                  "GET",
                  "/videos/abc/720p/seg_00001.m4s",
                  "10.0.0.1",
                  null,
                  200,
                  10,
                  "HIT",
                  1,
                  2));
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .singleElement()
          .asString()
          .startsWith("edge-9-");
    }
    assertThat(
            EdgeAccessLog.open(
                EdgeConfig.from(Settings.of(Map.of("edge.access-log.enabled", "false")))))
        .isNull();
  }
}
