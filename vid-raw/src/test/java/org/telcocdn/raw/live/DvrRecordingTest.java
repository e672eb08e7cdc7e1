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
            new LiveTrack.RecordedSegment(7, 2.0, new byte[1]),
            new LiveTrack.RecordedSegment(8, 2.02133, new byte[1]),
            new LiveTrack.RecordedSegment(9, 0.66667, new byte[1]));
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
}
