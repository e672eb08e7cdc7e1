package org.telcocdn.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.telcocdn.raw.media.Ffmpeg;

/** ffmpeg as an HLS client we did not write: it reads a whole title from a URL, copying streams. */
final class FfmpegClient {
  private FfmpegClient() {}

  /** Reads every stream of {@code url} to the end; asserts a clean exit and no error printed. */
  static void readsWholeWithoutError(String url) throws IOException, InterruptedException {
    Process ffmpeg =
        new ProcessBuilder(
                Ffmpeg.bundled().ffmpegPath().toString(),
                "-v",
                "error",
                "-i",
                url,
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
