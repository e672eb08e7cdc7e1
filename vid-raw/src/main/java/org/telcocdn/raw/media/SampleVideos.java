package org.telcocdn.raw.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes test videos from ffmpeg's own sources, so demos and tests need no media files in the
 * repository: a moving picture ({@link Pattern}) and a beeping sine tone, H.264/AAC at 30 fps,
 * optionally with a title and a running clock burned in ({@link TitleBand}), so that a viewer can
 * tell which sample plays and the posters tell them apart.
 */
public final class SampleVideos {
  private static final Logger log = LoggerFactory.getLogger(SampleVideos.class);

  /** ffmpeg lavfi video sources that look nothing alike. Each is cheap to render at 720p. */
  public enum Pattern {
    /** Colour wheel, moving boxes and a frame counter. */
    TEST_PATTERN("testsrc2=size=%dx%d:rate=30"),
    /** SMPTE RP 219 HD colour bars, still, as broadcast test cards are. */
    COLOUR_BARS("smptehdbars=size=%dx%d:rate=30"),
    /** Slowly turning colour gradients. */
    GRADIENTS("gradients=size=%dx%d:rate=30:speed=0.015"),
    /**
     * Conway's game of life at a quarter of the size, scaled up with square cells. (The issue also
     * suggested {@code mandelbrot}; it rendered 20 s of 640x360 in 130 s here, too slow for a
     * demo.)
     */
    GAME_OF_LIFE(
        "life=size=%dx%d:rate=15:mold=10:ratio=0.12:life_color=#ffd24a:death_color=#3a2a66,"
            + "fps=30,scale=%d:%d:flags=neighbor");

    private final String source;

    Pattern(String source) {
      this.source = source;
    }

    String source(int width, int height) {
      if (this == GAME_OF_LIFE)
        return String.format(source, width / 4 / 2 * 2, height / 4 / 2 * 2, width, height);
      return String.format(source, width, height);
    }
  }

  /**
   * What a sample looks and sounds like.
   *
   * @param toneHz the sine tone, beeping once a second at four times the pitch
   * @param title burned in with the clock, or null for none
   */
  public record Look(Pattern pattern, int toneHz, String title) {
    /** The plain test card of the tests: test pattern, 440 Hz, no title. */
    public static final Look TEST_CARD = new Look(Pattern.TEST_PATTERN, 440, null);
  }

  private SampleVideos() {}

  /** The plain test card: see {@link #synthesize(Ffmpeg, Path, String, int, int, int, Look)}. */
  public static Path synthesize(
      Ffmpeg ffmpeg, Path dir, String name, int seconds, int width, int height) {
    return synthesize(ffmpeg, dir, name, seconds, width, height, Look.TEST_CARD);
  }

  /**
   * {@code {dir}/{name}.mp4}, made once: an existing file is reused, and a new one is written under
   * a temporary name and renamed, so a crash never leaves a truncated sample that would be reused.
   */
  public static Path synthesize(
      Ffmpeg ffmpeg, Path dir, String name, int seconds, int width, int height, Look look) {
    Path target = dir.resolve(name + ".mp4");
    if (Files.isRegularFile(target)) return target;
    Path band = dir.resolve("." + name + "-band");
    try {
      Files.createDirectories(dir);
      Path partial = Files.createTempFile(dir, "." + name + "-", ".mp4");
      try {
        String bandFrames =
            look.title() == null ? null : titleBand(band, look.title(), seconds, width, height);
        run(command(ffmpeg, partial, seconds, width, height, look, bandFrames), seconds);
        Files.move(
            partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(partial);
        deleteTree(band);
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot synthesize " + target, e);
    }
  }

  /**
   * The band's frames, or null when Java2D cannot draw text here (no font at all on the machine):
   * the sample is still worth having, its pattern and tone tell it apart.
   */
  private static String titleBand(Path dir, String title, int seconds, int width, int height)
      throws IOException {
    try {
      return TitleBand.write(dir, title, seconds, width, height);
    } catch (RuntimeException | InternalError | LinkageError e) {
      log.warn(
          "no title burned into the sample '{}': Java2D cannot draw text here ({})",
          title,
          e.toString());
      return null;
    }
  }

  private static List<String> command(
      Ffmpeg ffmpeg, Path out, int seconds, int width, int height, Look look, String bandFrames) {
    String audio = "sine=frequency=" + look.toneHz() + ":beep_factor=4:sample_rate=48000";
    List<String> c =
        new ArrayList<>(
            List.of(
                ffmpeg.ffmpegPath().toString(),
                "-hide_banner",
                "-nostdin",
                "-y",
                "-loglevel",
                "error",
                "-f",
                "lavfi",
                "-i",
                look.pattern().source(width, height),
                "-f",
                "lavfi",
                "-i",
                audio));
    if (bandFrames != null) {
      c.addAll(
          List.of(
              "-framerate",
              "1",
              "-i",
              bandFrames,
              "-filter_complex",
              "[0:v][2:v]overlay=x=0:y=main_h-overlay_h:eof_action=repeat,format=yuv420p[v]",
              "-map",
              "[v]",
              "-map",
              "1:a"));
    }
    c.addAll(
        List.of(
            "-t",
            Integer.toString(seconds),
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast",
            "-pix_fmt",
            "yuv420p",
            "-g",
            "30",
            "-c:a",
            "aac",
            "-b:a",
            "96k",
            "-movflags",
            "+faststart",
            "-f",
            "mp4",
            out.toString()));
    return c;
  }

  private static void run(List<String> command, int seconds) throws IOException {
    ChildProcess.Result result;
    try {
      result = ChildProcess.run(command, Duration.ofSeconds(60 + seconds * 5L));
    } catch (ChildProcess.ProcessTimeoutException e) {
      throw new IOException(e.getMessage(), e);
    }
    if (!result.ok())
      throw new IOException("ffmpeg exited with " + result.exitCode() + ": " + result.stderrTail());
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) return;
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    }
  }
}
