package org.telcocdn.raw.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.raw.media.Ffmpeg;
import org.telcocdn.testkit.Await;

/** The real-time encoder through its FIFOs: parts arrive, and a killed ffmpeg is restarted. */
class LiveEncoderIT {
  @TempDir Path dir;

  @Test
  void partsArriveInRealTimeAndAKilledEncoderIsRestartedWithADiscontinuity() throws Exception {
    List<LiveTrack> tracks =
        List.of(
            new LiveTrack("360p", 2, 1 / 3.0, 60, 10), new LiveTrack("180p", 2, 1 / 3.0, 60, 10));
    EncoderCommand command =
        new EncoderCommand(
            Ffmpeg.bundled().ffmpegPath().toString(),
            PackagerTest.RUNGS,
            2,
            333,
            "ultrafast",
            null,
            null,
            0);
    try (LiveEncoder encoder =
        new LiveEncoder("live-test", command, tracks, dir.resolve("ch")).start()) {
      Await.until(
          Duration.ofSeconds(30),
          "two segments of each rendition",
          () ->
              tracks.stream().allMatch(t -> t.view().lastCompleteMsn() >= LiveTrack.FIRST_MSN + 1));
      encoder.killForTest();
      Await.until(
          Duration.ofSeconds(30),
          "a restart and a discontinuity",
          () ->
              encoder.restarts() == 1
                  && tracks.getFirst().view().segments().stream()
                      .anyMatch(LiveTrack.SegmentView::discontinuity));
      String playlist = MediaPlaylist.render(tracks.getFirst().view(), List.of());
      assertThat(playlist).contains("#EXT-X-DISCONTINUITY\n#EXT-X-MAP:URI=\"init_1.mp4\"\n");
      // the DVR window still reaches back before the restart, and so does a recording of it
      Await.until(
          Duration.ofSeconds(30),
          "a complete segment of the restarted encoder",
          () -> tracks.getFirst().recording().segments().getLast().initName().equals("init_1.mp4"));
      LiveTrack.Recording recording = tracks.getFirst().recording();
      assertThat(recording.inits()).containsOnlyKeys("init.mp4", "init_1.mp4");
      assertThat(recording.segments().getFirst().initName()).isEqualTo("init.mp4");
      assertThat(tracks.getFirst().init("init.mp4")).as("the old init, still served").isNotNull();
    }
  }

  @Test
  void aChannelStartsOnceEveryRenditionHasAPart() throws Exception {
    try (LiveChannels channels =
        new LiveChannels(
            Ffmpeg.bundled(),
            org.telcocdn.raw.OriginConfig.Live.from(
                org.telcocdn.common.config.Settings.of(java.util.Map.of())),
            dir.resolve("live"))) {
      LiveChannel channel = channels.start("test", null, null);
      assertThat(channel.playable()).isTrue();
      assertThat(channel.master()).contains("480p/playlist.m3u8");
    }
  }
}
