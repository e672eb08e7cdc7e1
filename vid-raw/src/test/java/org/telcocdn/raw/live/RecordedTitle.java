package org.telcocdn.raw.live;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.telcocdn.raw.media.Ffmpeg;

/** A title's HLS ladder read by ffmpeg, as a player reads it: how many frames it decodes. */
final class RecordedTitle {
  private static final Pattern FRAME = Pattern.compile("(?m)^frame=(\\d+)$");

  private RecordedTitle() {}

  /** Decodes the first video rendition of {@code master}; fails unless ffmpeg exits cleanly. */
  static int decodedFrames(Path master) throws IOException, InterruptedException {
    Process ffmpeg =
        new ProcessBuilder(
                Ffmpeg.bundled().ffmpegPath().toString(),
                "-nostdin",
                "-v",
                "error",
                "-i",
                master.toString(),
                "-map",
                "0:v:0",
                "-f",
                "null",
                "-progress",
                "pipe:1",
                "-")
            .redirectErrorStream(true)
            .start();
    String out = new String(ffmpeg.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!ffmpeg.waitFor(60, TimeUnit.SECONDS)) {
      ffmpeg.destroyForcibly();
      throw new IllegalStateException("ffmpeg did not finish reading " + master);
    }
    if (ffmpeg.exitValue() != 0)
      throw new IllegalStateException("ffmpeg failed on " + master + ": " + out);
    int frames = -1;
    for (Matcher m = FRAME.matcher(out); m.find(); ) frames = Integer.parseInt(m.group(1));
    return frames;
  }
}
