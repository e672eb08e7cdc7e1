package org.telcocdn.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.telcocdn.cache.EdgeFixture.get;
import static org.telcocdn.cache.EdgeFixture.random;

import java.nio.file.Path;
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
    Duress byConnections = new Duress(new EdgeConfig.DuressThresholds(3, 0));
    assertThat(byConnections.under(2)).isFalse();
    assertThat(byConnections.under(3)).isTrue();
    Duress byEgress = new Duress(new EdgeConfig.DuressThresholds(0, 1000));
    assertThat(byEgress.under(1_000_000)).as("the connection check is off").isFalse();
    byEgress.egress(1000);
    assertThat(byEgress.under(0)).isTrue();
    assertThat(new Duress(EdgeConfig.from(Settings.of(Map.of())).duress()).under(Integer.MAX_VALUE))
        .as("off by default")
        .isFalse();
  }

  @Test
  void edgeUnderDuressSendsCmsdDuAndStillServes() {
    try (FakeOrigin origin = new FakeOrigin().put("v1", "720p/seg_00001.m4s", random(1000, 3))) {
      EdgeServer calm = start(origin, "calm", Map.of());
      EdgeServer busy =
          start(
              origin,
              "busy",
              Map.of("edge.duress-connections", "1")); // the request's own connection reaches it
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

  private EdgeServer start(FakeOrigin origin, String dir, Map<String, String> duress) {
    return EdgeFixture.edge(origin.target(), cacheDir.resolve(dir), duress);
  }
}
