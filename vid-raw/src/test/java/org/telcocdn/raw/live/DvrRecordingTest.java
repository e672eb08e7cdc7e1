package org.telcocdn.raw.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The VOD playlist of a recording (RFC 8216bis section 4.4.3.5), without the encoder. */
class DvrRecordingTest {
  @Test
  void theRecordingIsAClosedVodPlaylistOfItsSegments() {
    List<LiveTrack.RecordedSegment> segments =
        List.of(
            new LiveTrack.RecordedSegment(7, 2.0, new byte[1], "init.mp4"),
            new LiveTrack.RecordedSegment(8, 2.02133, new byte[1], "init.mp4"),
            new LiveTrack.RecordedSegment(9, 0.66667, new byte[1], "init.mp4"));
    assertThat(DvrRecording.playlist(segments))
        .isEqualTo(
            """
            #EXTM3U
            #EXT-X-VERSION:7
            #EXT-X-TARGETDURATION:3
            #EXT-X-MEDIA-SEQUENCE:0
            #EXT-X-PLAYLIST-TYPE:VOD
            #EXT-X-INDEPENDENT-SEGMENTS
            #EXT-X-MAP:URI="init.mp4"
            #EXTINF:2.00000,
            seg_00000.m4s
            #EXTINF:2.02133,
            seg_00001.m4s
            #EXTINF:0.66667,
            seg_00002.m4s
            #EXT-X-ENDLIST
            """);
  }

  @Test
  void encoderRestartsBecomeDiscontinuitiesWithTheirOwnInitSegments() {
    // the window reaches back into the second encoder run: its init becomes the title's init.mp4
    List<LiveTrack.RecordedSegment> segments =
        List.of(
            new LiveTrack.RecordedSegment(20, 2.0, new byte[1], "init_1.mp4"),
            new LiveTrack.RecordedSegment(21, 1.33333, new byte[1], "init_1.mp4"),
            new LiveTrack.RecordedSegment(22, 2.0, new byte[1], "init_2.mp4"));
    assertThat(DvrRecording.initFiles(segments))
        .containsExactly(
            org.assertj.core.api.Assertions.entry("init_1.mp4", "init.mp4"),
            org.assertj.core.api.Assertions.entry("init_2.mp4", "init_1.mp4"));
    assertThat(DvrRecording.playlist(segments))
        .endsWith(
            """
            #EXT-X-INDEPENDENT-SEGMENTS
            #EXT-X-MAP:URI="init.mp4"
            #EXTINF:2.00000,
            seg_00000.m4s
            #EXTINF:1.33333,
            seg_00001.m4s
            #EXT-X-DISCONTINUITY
            #EXT-X-MAP:URI="init_1.mp4"
            #EXTINF:2.00000,
            seg_00002.m4s
            #EXT-X-ENDLIST
            """);
  }
}
