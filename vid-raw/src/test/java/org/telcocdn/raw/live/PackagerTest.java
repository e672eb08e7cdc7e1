package org.telcocdn.raw.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.raw.media.Ffmpeg;
import org.telcocdn.raw.media.Rung;

/**
 * The packager on real encoder output: the live encoder's own command, bounded to 7 s of the test
 * source and run as fast as ffmpeg can, its two streams read into tracks as a channel reads them.
 */
class PackagerTest {
  static final Instant ZERO = Instant.parse("2026-12-05T10:00:00Z");
  static final List<Rung> RUNGS =
      List.of(new Rung("360p", 640, 360, 800), new Rung("180p", 320, 180, 300));

  @TempDir static Path dir;
  static List<LiveTrack> tracks;

  @BeforeAll
  static void encode() throws Exception {
    EncoderCommand command =
        new EncoderCommand(
            Ffmpeg.bundled().ffmpegPath().toString(), RUNGS, 2, 333, "ultrafast", null, null, 7);
    List<Path> outputs = List.of(dir.resolve("a.mp4"), dir.resolve("b.mp4"));
    Process p = new ProcessBuilder(command.build(outputs)).redirectErrorStream(true).start();
    p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    tracks = new ArrayList<>();
    for (int i = 0; i < RUNGS.size(); i++) {
      LiveTrack track = new LiveTrack(RUNGS.get(i).name(), 2, 1 / 3.0, 120, 100);
      try (InputStream in = Files.newInputStream(outputs.get(i))) {
        TrackReader.read(in, track, ZERO, null);
      }
      track.stop(); // the stream ended: the last segment closes
      tracks.add(track);
    }
  }

  @Test
  void partsAreAThirdOfASecondAndSegmentsTwoSecondsStartingOnAKeyframe() {
    LiveTrack.View view = tracks.getFirst().view();
    assertThat(view.segments()).hasSizeGreaterThanOrEqualTo(3);
    List<LiveTrack.SegmentView> whole = view.segments().subList(0, 3);
    for (LiveTrack.SegmentView s : whole) {
      assertThat(s.complete()).isTrue();
      assertThat(s.duration()).isCloseTo(2.0, org.assertj.core.data.Offset.offset(0.05));
    }
    List<LiveTrack.PartView> parts = view.segments().get(2).parts();
    assertThat(parts).hasSizeBetween(5, 7);
    assertThat(parts.getFirst().independent()).isTrue();
    assertThat(parts.subList(1, parts.size())).noneMatch(LiveTrack.PartView::independent);
    assertThat(parts).allSatisfy(p -> assertThat(p.duration()).isBetween(0.2, 0.34));
  }

  @Test
  void renditionsShareSegmentBoundariesAndProgramDateTimes() {
    LiveTrack.View a = tracks.get(0).view();
    LiveTrack.View b = tracks.get(1).view();
    assertThat(b.segments()).hasSameSizeAs(a.segments());
    for (int i = 0; i < a.segments().size(); i++) {
      assertThat(b.segments().get(i).programDateTime())
          .isEqualTo(a.segments().get(i).programDateTime());
    }
    // media time 0 is dated ZERO; the video starts one AAC frame (1024/48000 s) later, where ffmpeg
    // shifted it to keep the audio's priming at 0
    assertThat(a.segments().getFirst().programDateTime()).isEqualTo(ZERO);
    assertThat(
            java.time.Duration.between(
                a.segments().get(1).programDateTime(), a.segments().get(2).programDateTime()))
        .isEqualTo(java.time.Duration.ofSeconds(2));
  }

  @Test
  void aSegmentIsItsPartsAndStartsWithAMovieFragment() {
    LiveTrack track = tracks.getFirst();
    long second = LiveTrack.FIRST_MSN + 1; // after the first, which AAC priming makes longer
    byte[] segment = track.segment(second).orElseThrow();
    assertThat(new String(segment, 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1))
        .isEqualTo("moof");
    long partBytes = 0;
    long availableAt = 0;
    for (int i = 0; ; i++) {
      var part = track.part(second, i);
      if (part.isCompletedExceptionally()) break;
      partBytes += part.join().bytes().length;
      // each part is stamped when it became visible, in the order the encoder wrote them
      assertThat(part.join().availableAtMillis()).isGreaterThanOrEqualTo(availableAt).isPositive();
      availableAt = part.join().availableAtMillis();
    }
    assertThat(partBytes).isEqualTo(segment.length);
    assertThat(track.init("init.mp4")).startsWith(new byte[] {0, 0, 0});
  }

  @Test
  void thePlaylistIsLowLatencyHls() {
    LiveTrack.View view = tracks.getFirst().view();
    String playlist =
        MediaPlaylist.render(view, List.of(new MediaPlaylist.Report("180p", view.lastMsn(), 2)));
    assertThat(playlist)
        .startsWith("#EXTM3U\n")
        .contains("#EXT-X-TARGETDURATION:2\n")
        // numbered from 1: hls.js 1.4 makes no blocking reload while the newest segment is 0
        .contains("#EXT-X-MEDIA-SEQUENCE:1\n")
        .contains(
            "#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,PART-HOLD-BACK=1.00000,HOLD-BACK=6.00000,"
                + "CAN-SKIP-UNTIL=12.00000\n")
        .contains("#EXT-X-PART-INF:PART-TARGET=0.33333\n")
        .contains("#EXT-X-MAP:URI=\"init.mp4\"\n")
        .contains("#EXT-X-PROGRAM-DATE-TIME:2026-12-05T10:00:00Z\n#EXTINF:")
        .contains("#EXT-X-PROGRAM-DATE-TIME:2026-12-05T10:00:02.021Z\n")
        .contains("seg_2.m4s\n")
        .containsPattern("#EXT-X-PART:DURATION=0\\.3\\d+,URI=\"part_3_0\\.m4s\",INDEPENDENT=YES\n")
        .contains(
            "#EXT-X-RENDITION-REPORT:URI=\"../180p/playlist.m3u8\",LAST-MSN="
                + view.lastMsn()
                + ",LAST-PART=2\n");
    // parts only near the live edge: none for the first segment of a window of three and more
    assertThat(playlist).doesNotContain("part_1_0.m4s");
  }

  /**
   * An encoder restart (the same real output read into one track twice, as a restarted ffmpeg's
   * second stream follows the first): the recording keeps the whole window, both runs with their
   * own init segments, and ffmpeg decodes the written title across the discontinuity.
   */
  @Test
  void aRecordingCoversTheWindowAcrossAnEncoderRestart() throws Exception {
    LiveTrack track = new LiveTrack("360p", 2, 1 / 3.0, 120, 100);
    for (int run = 0; run < 2; run++) {
      try (InputStream in = Files.newInputStream(dir.resolve("a.mp4"))) {
        TrackReader.read(in, track, ZERO.plusSeconds(7L * run), null);
      }
    }
    track.stop();
    LiveTrack.Recording recording = track.recording();
    assertThat(recording.inits()).containsOnlyKeys("init.mp4", "init_1.mp4");
    assertThat(track.init("init.mp4")).as("the first run's init, still needed").isNotNull();
    assertThat(recording.segments()).hasSizeGreaterThanOrEqualTo(2 * 3);
    assertThat(recording.segments().getFirst().initName()).isEqualTo("init.mp4");
    assertThat(recording.segments().getLast().initName()).isEqualTo("init_1.mp4");

    Path title = dir.resolve("recorded");
    double seconds = DvrRecording.writeRendition(title, recording);
    assertThat(Files.readString(title.resolve("playlist.m3u8")))
        .contains("#EXT-X-DISCONTINUITY\n#EXT-X-MAP:URI=\"init_1.mp4\"\n");
    assertThat(title.resolve("init.mp4")).exists();
    assertThat(title.resolve("init_1.mp4")).exists();
    int frames = RecordedTitle.decodedFrames(title.resolve("playlist.m3u8"));
    System.out.printf(
        "PackagerTest: recorded %.2f s over %d segments across a restart; ffmpeg decoded %d"
            + " frames%n",
        seconds, recording.segments().size(), frames);
    assertThat(seconds).isCloseTo(14.0, org.assertj.core.data.Offset.offset(0.5));
    assertThat(frames).isGreaterThanOrEqualTo((int) (seconds * EncoderCommand.FRAME_RATE * 0.95));
  }
}
