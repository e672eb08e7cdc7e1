package org.telcocdn.raw.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

/**
 * Makes test videos from ffmpeg's own sources, so demos and tests need no media files in the
 * repository: a moving test pattern with a running timestamp and a sine tone, H.264/AAC at 30 fps.
 */
public final class SampleVideos {
  private SampleVideos() {}

  /**
   * {@code {dir}/{name}.mp4}, made once: an existing file is reused, and a new one is written under a
   * temporary name and renamed, so a crash never leaves a truncated sample that would be reused.
   */
  public static Path synthesize(Ffmpeg ffmpeg, Path dir, String name, int seconds, int width, int height) {
    Path target = dir.resolve(name + ".mp4");
    if (Files.isRegularFile(target)) return target;
    try {
      Files.createDirectories(dir);
      Path partial = Files.createTempFile(dir, "." + name + "-", ".mp4");
      try {
        run(command(ffmpeg, partial, seconds, width, height), seconds);
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(partial);
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot synthesize " + target, e);
    }
  }

  private static List<String> command(Ffmpeg ffmpeg, Path out, int seconds, int width, int height) {
    String video = "testsrc2=size=" + width + "x" + height + ":rate=30:duration=" + seconds;
    String audio = "sine=frequency=440:beep_factor=4:sample_rate=48000:duration=" + seconds;
    return List.of(ffmpeg.ffmpegPath().toString(), "-hide_banner", "-nostdin", "-y", "-loglevel", "error",
        "-f", "lavfi", "-i", video, "-f", "lavfi", "-i", audio,
        "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-g", "30",
        "-c:a", "aac", "-b:a", "96k", "-shortest", "-movflags", "+faststart", "-f", "mp4", out.toString());
  }

  private static void run(List<String> command, int seconds) throws IOException {
    ChildProcess.Result result;
    try {
      result = ChildProcess.run(command, Duration.ofSeconds(60 + seconds * 5L));
    } catch (ChildProcess.ProcessTimeoutException e) {
      throw new IOException(e.getMessage(), e);
    }
    if (!result.ok()) throw new IOException("ffmpeg exited with " + result.exitCode() + ": " + result.stderrTail());
  }
}
