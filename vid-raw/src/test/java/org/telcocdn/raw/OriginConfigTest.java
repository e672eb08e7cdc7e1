package org.telcocdn.raw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.telcocdn.common.config.ConfigException;
import org.telcocdn.common.config.Settings;
import org.telcocdn.raw.media.ProcessPriority;
import org.telcocdn.raw.media.ProcessPriority.Scheduler;

class OriginConfigTest {
  @Test
  void from_defaultsOfTheContract() {
    OriginConfig c = OriginConfig.from(Settings.of(Map.of()));
    assertThat(c)
        .isEqualTo(
            new OriginConfig(
                "127.0.0.1",
                8090,
                9090,
                Path.of(".cdn/data/origin"),
                "http://127.0.0.1:8081",
                "bundled",
                "bundled",
                2,
                List.of(1080, 720, 480, 360),
                "veryfast",
                4L << 30,
                64 << 10,
                new OriginConfig.Transcode(
                    0,
                    Scheduler.IDLE,
                    true,
                    Math.max(1, Runtime.getRuntime().availableProcessors() - 1),
                    1,
                    3)));
  }

  @Test
  void from_transcodeKeys() {
    OriginConfig c =
        OriginConfig.from(
            Settings.of(
                Map.of(
                    "origin.transcode.nice",
                    "10",
                    "origin.transcode.scheduler",
                    "Batch",
                    "origin.transcode.threads",
                    "0",
                    "origin.transcode.concurrency",
                    "2",
                    "origin.transcode.backlog",
                    "0",
                    "origin.transcode.own-session",
                    "false")));
    assertThat(c.transcode())
        .isEqualTo(new OriginConfig.Transcode(10, Scheduler.BATCH, false, 0, 2, 0));
    assertThat(c.transcode().priority()).isEqualTo(new ProcessPriority(10, Scheduler.BATCH, false));
  }

  @Test
  void from_refusesNonsenseTranscodeKeys() {
    assertThatThrownBy(() -> OriginConfig.from(Settings.of(Map.of("origin.transcode.nice", "20"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("origin.transcode.nice")
        .hasMessageContaining("20");
    assertThatThrownBy(
            () -> OriginConfig.from(Settings.of(Map.of("origin.transcode.scheduler", "fifo"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("origin.transcode.scheduler")
        .hasMessageContaining("fifo");
    assertThatThrownBy(
            () -> OriginConfig.from(Settings.of(Map.of("origin.transcode.concurrency", "0"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("origin.transcode.concurrency");
  }

  @Test
  void from_customValues() {
    OriginConfig c =
        OriginConfig.from(
            Settings.of(
                Map.of(
                    "origin.renditions",
                    "720, 360",
                    "origin.chunk-bytes",
                    "16KiB",
                    "origin.max-upload-bytes",
                    "10MiB",
                    "origin.metadata-url",
                    "http://127.0.0.1:9/")));
    assertThat(c.renditions()).containsExactly(720, 360);
    assertThat(c.chunkBytes()).isEqualTo(16 << 10);
    assertThat(c.maxUploadBytes()).isEqualTo(10 << 20);
    assertThat(c.metadataUrl()).isEqualTo("http://127.0.0.1:9");
  }

  @Test
  void from_refusesNonsense() {
    assertThatThrownBy(() -> OriginConfig.from(Settings.of(Map.of("origin.renditions", "720p"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("origin.renditions");
    assertThatThrownBy(() -> OriginConfig.from(Settings.of(Map.of("origin.x264-preset", "turbo"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("origin.x264-preset");
    assertThatThrownBy(() -> OriginConfig.from(Settings.of(Map.of("origin.chunk-bytes", "64MiB"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("origin.chunk-bytes");
  }
}
