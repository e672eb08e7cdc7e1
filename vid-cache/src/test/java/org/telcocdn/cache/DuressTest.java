package org.telcocdn.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.telcocdn.cache.EdgeFixture.get;
import static org.telcocdn.cache.EdgeFixture.random;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.common.config.Settings;

/** An edge over its duress threshold says so to players in CMSD-Dynamic, and keeps serving. */
class DuressTest {
  private static final String PATH = "/videos/v1/720p/seg_00001.m4s";

  @TempDir Path cacheDir;

  @Test
  void thresholdsAreAtOrAboveAndZeroMeansOff() {
    Duress byConnections = new Duress(3, 0);
    assertThat(byConnections.under(2)).isFalse();
    assertThat(byConnections.under(3)).isTrue();
    Duress byEgress = new Duress(0, 1000);
    assertThat(byEgress.under(1_000_000)).as("the connection check is off").isFalse();
    byEgress.egress(1000);
    assertThat(byEgress.under(0)).isTrue();
    assertThat(Duress.from(Settings.of(Map.of())).under(Integer.MAX_VALUE)).isFalse();
  }

  @Test
  void edgeUnderDuressSendsCmsdDuAndStillServes() {
    try (FakeOrigin origin = new FakeOrigin().put("v1", "720p/seg_00001.m4s", random(1000, 3))) {
      EdgeServer calm = start(origin, Duress.off());
      EdgeServer busy = start(origin, new Duress(1, 0)); // the request's own connection reaches the threshold
      try {
        assertThat(get(calm, PATH).headers().firstValue("CMSD-Dynamic")).isEmpty();
        var response = get(busy, PATH);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("CMSD-Dynamic")).contains("\"edge-test\";du");
      } finally {
        calm.close();
        busy.close();
      }
    }
  }

  private EdgeServer start(FakeOrigin origin, Duress duress) {
    Map<String, String> values = new HashMap<>(Map.of("edge.name", "edge-test", "edge.port", "0",
        "edge.origin-target", origin.target(), "edge.broker-url", "",
        "edge.cache-dir", cacheDir.resolve(duress == null ? "x" : Integer.toHexString(System.identityHashCode(duress))).toString(),
        "edge.disk.max-bytes", "64MiB", "edge.memory.max-bytes", "8MiB", "edge.io-threads", "2"));
    return EdgeServer.start(EdgeConfig.from(Settings.of(values)), duress);
  }
}
