package org.telcocdn.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.raw.media.Ffmpeg;

/**
 * ffmpeg, an HLS client we did not write, reads the whole stream through the broker without error.
 */
class FfmpegPlayerIT {
  @TempDir Path dir;

  @Test
  void ffmpegReadsTheWholeStreamThroughTheBroker() throws Exception {
    try (Stack stack = new Stack(dir, 2)) {
      String id = (String) stack.ingest(SampleContent.file(), "ffmpeg client test").get("id");
      Process ffmpeg =
          new ProcessBuilder(
                  Ffmpeg.bundled().ffmpegPath().toString(),
                  "-v",
                  "error",
                  "-i",
                  stack.broker.url() + "/play/" + id,
                  "-map",
                  "0",
                  "-c",
                  "copy",
                  "-f",
                  "null",
                  "-")
              .redirectErrorStream(true)
              .start();
      boolean finished = ffmpeg.waitFor(120, TimeUnit.SECONDS);
      String output = new String(ffmpeg.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!finished) ffmpeg.destroyForcibly();
      assertThat(finished).as("ffmpeg finished within 120 s").isTrue();
      assertThat(ffmpeg.exitValue()).as("ffmpeg exit code; output: %s", output).isZero();
      assertThat(output).as("ffmpeg reported no error").isBlank();
    }
  }
}
