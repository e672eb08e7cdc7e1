package org.telcocdn.raw.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.raw.media.SampleVideos.Look;
import org.telcocdn.raw.media.SampleVideos.Pattern;

/** The samples must be told apart at a glance: by their picture, and by the title burned in. */
class SampleVideosTest {
  private static final int WIDTH = 320;
  private static final int HEIGHT = 180;
  @TempDir Path dir;
  private final Ffmpeg ffmpeg = Ffmpeg.bundled();

  @Test
  void everyPatternLooksDifferentFromEveryOther() throws Exception {
    List<byte[]> frames = new ArrayList<>();
    for (Pattern p : Pattern.values()) {
      frames.add(
          frameAt(
              SampleVideos.synthesize(
                  ffmpeg, dir, p.name(), 2, WIDTH, HEIGHT, new Look(p, 440, null)),
              1.0));
    }
    for (int i = 0; i < frames.size(); i++) {
      for (int j = i + 1; j < frames.size(); j++) {
        assertThat(meanDifference(frames.get(i), frames.get(j), 0, HEIGHT))
            .as("%s vs %s", Pattern.values()[i], Pattern.values()[j])
            .isGreaterThan(20);
      }
    }
  }

  @Test
  void theTitleAndClockAreBurnedIntoABandAtTheBottom() throws Exception {
    byte[] plain =
        frameAt(
            SampleVideos.synthesize(
                ffmpeg, dir, "plain", 3, WIDTH, HEIGHT, new Look(Pattern.COLOUR_BARS, 1000, null)),
            2.5);
    byte[] titled =
        frameAt(
            SampleVideos.synthesize(
                ffmpeg,
                dir,
                "titled",
                3,
                WIDTH,
                HEIGHT,
                new Look(Pattern.COLOUR_BARS, 1000, "Colour bars")),
            2.5);
    int band = HEIGHT / 9;

    assertThat(meanDifference(plain, titled, 0, HEIGHT - band - 2))
        .as("the picture above the band")
        .isLessThan(3);
    assertThat(meanDifference(plain, titled, HEIGHT - band + 2, HEIGHT))
        .as("the band")
        .isGreaterThan(30);
    long bright = countAbove(titled, HEIGHT - band + 2, HEIGHT, 200);
    assertThat(bright).as("white text in the band").isBetween(20L, (long) band * WIDTH / 3);
  }

  @Test
  void theClockReadsMinutesAndSeconds() {
    assertThat(TitleBand.clock(7)).isEqualTo("0:07");
    assertThat(TitleBand.clock(75)).isEqualTo("1:15");
  }

  /** One frame as 8-bit luma, WIDTH x HEIGHT bytes. */
  private byte[] frameAt(Path video, double seconds) throws Exception {
    Path out = dir.resolve(video.getFileName() + "-" + seconds + ".gray");
    ChildProcess.Result r =
        ChildProcess.run(
            List.of(
                ffmpeg.ffmpegPath().toString(),
                "-nostdin",
                "-loglevel",
                "error",
                "-ss",
                Double.toString(seconds),
                "-i",
                video.toString(),
                "-frames:v",
                "1",
                "-f",
                "rawvideo",
                "-pix_fmt",
                "gray",
                out.toString()),
            Duration.ofSeconds(60));
    assertThat(r.ok()).as(r.stderrTail()).isTrue();
    byte[] frame = Files.readAllBytes(out);
    assertThat(frame).hasSize(WIDTH * HEIGHT);
    return frame;
  }

  private static double meanDifference(byte[] a, byte[] b, int fromRow, int toRow) {
    long sum = 0;
    for (int i = fromRow * WIDTH; i < toRow * WIDTH; i++)
      sum += Math.abs((a[i] & 0xff) - (b[i] & 0xff));
    return sum / (double) ((toRow - fromRow) * WIDTH);
  }

  private static long countAbove(byte[] frame, int fromRow, int toRow, int level) {
    long n = 0;
    for (int i = fromRow * WIDTH; i < toRow * WIDTH; i++) if ((frame[i] & 0xff) > level) n++;
    return n;
  }
}
