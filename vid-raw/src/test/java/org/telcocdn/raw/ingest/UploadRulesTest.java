package org.telcocdn.raw.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.telcocdn.common.config.ConfigException;
import org.telcocdn.common.config.Settings;
import org.telcocdn.common.http.ApiException;
import org.telcocdn.raw.media.MediaInfo;

class UploadRulesTest {
  private final UploadRules defaults = UploadRules.from(Settings.of(Map.of()));

  @Test
  void containers_anyOfFfprobesNamesOnTheListIsAllowed() {
    assertThat(defaults.allows("mov,mp4,m4a,3gp,3g2,mj2")).isTrue();
    assertThat(defaults.allows("matroska,webm")).isTrue();
    assertThat(defaults.allows("hls")).isFalse();
    assertThat(defaults.allows("concat")).isFalse();
    assertThat(defaults.allows("image2")).isFalse();
  }

  @Test
  void durationAndResolution_inEitherOrientation() {
    defaults.check(new MediaInfo(3840, 2160, true, 3600, "mp4"));
    defaults.check(new MediaInfo(2160, 3840, true, 3600, "mp4"));
    assertThatThrownBy(() -> defaults.check(new MediaInfo(7680, 4320, true, 10, "mp4")))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(422))
        .hasMessageContaining("7680x4320");
    assertThatThrownBy(() -> defaults.check(new MediaInfo(640, 360, true, 5 * 3600, "mp4")))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.error()).isEqualTo("too_long"));
  }

  @Test
  void storeBudget_is507WhenAVideoWouldGoOverIt() {
    UploadRules small =
        UploadRules.from(Settings.of(Map.of("origin.limits.store-max-bytes", "1MiB")));
    small.checkStore(500_000, 500_000);
    assertThatThrownBy(() -> small.checkStore(1_000_000, 100_000))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(507));
  }

  @Test
  void badResolution_namesTheKey() {
    assertThatThrownBy(
            () -> UploadRules.from(Settings.of(Map.of("origin.limits.max-resolution", "big"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("origin.limits.max-resolution");
  }
}
