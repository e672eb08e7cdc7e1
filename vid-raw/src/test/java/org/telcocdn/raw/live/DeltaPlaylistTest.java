package org.telcocdn.raw.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Playlist Delta Updates (RFC 8216bis sections 4.4.5.2 and 6.2.5.1) on a window of eleven 2-s
 * segments, the newest open with two parts: what lies further than the Skip Boundary (12 s) from
 * the end is one {@code EXT-X-SKIP}, everything else is as in the whole playlist.
 */
class DeltaPlaylistTest {
  static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

  /** Segments 100..110; 110 is open with two parts; 104 starts after an encoder restart. */
  static LiveTrack.View window() {
    List<LiveTrack.SegmentView> segments = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      boolean open = i == 10;
      boolean restart = i == 4;
      List<LiveTrack.PartView> parts =
          i >= 8
              ? List.of(
                  new LiveTrack.PartView(0, 1.0 / 3, true),
                  new LiveTrack.PartView(1, 1.0 / 3, false))
              : List.of();
      segments.add(
          new LiveTrack.SegmentView(
              100 + i,
              T0.plusSeconds(2L * i),
              open ? 2.0 / 3 : 2.0,
              !open,
              restart,
              i >= 4 ? "init_1.mp4" : "init.mp4",
              parts));
    }
    return new LiveTrack.View("480p", 2, 1.0 / 3, 100, 3, segments, 110, 2, 110, 1, 109);
  }

  @Test
  void segmentsBeyondTheSkipBoundaryAreOneSkipTag() {
    String delta = MediaPlaylist.render(window(), List.of(), true);
    // from the end of 110: 109 ends 0.67 s before it, 104 10.67 s, 103 12.67 s (> 12: skipped)
    assertThat(delta)
        .contains("#EXT-X-MEDIA-SEQUENCE:100\n")
        .contains("#EXT-X-DISCONTINUITY-SEQUENCE:3\n")
        .contains("CAN-SKIP-UNTIL=12.00000\n")
        .contains("#EXT-X-SKIP:SKIPPED-SEGMENTS=4\n")
        .doesNotContain("seg_103.m4s")
        .doesNotContain("2026-12-05T10:00:06Z")
        .contains("#EXT-X-DISCONTINUITY\n#EXT-X-MAP:URI=\"init_1.mp4\"\n")
        .contains("#EXT-X-PROGRAM-DATE-TIME:2026-12-05T10:00:08Z\n")
        .contains("seg_104.m4s\n")
        .contains("part_110_1.m4s")
        .contains("#EXT-X-PRELOAD-HINT:TYPE=PART,URI=\"part_110_2.m4s\"\n");
    assertThat(delta.lines().filter(l -> l.startsWith("#EXT-X-SKIP")).count()).isEqualTo(1);
  }

  @Test
  void theDeltaIsTheWholePlaylistWithoutTheSkippedSegments() {
    String whole = MediaPlaylist.render(window(), List.of(), false);
    String delta = MediaPlaylist.render(window(), List.of(), true);
    assertThat(whole).doesNotContain("EXT-X-SKIP").contains("seg_100.m4s\n");
    // every line of the delta but the skip tag is in the whole playlist, and every line of the
    // whole
    // playlist from segment 104's tags on is in the delta
    assertThat(delta.lines().filter(l -> !l.startsWith("#EXT-X-SKIP")))
        .allMatch(l -> whole.lines().anyMatch(l::equals));
    String tail = whole.substring(whole.indexOf("#EXT-X-DISCONTINUITY\n"));
    assertThat(delta).endsWith(tail);
  }

  @Test
  void aShortWindowSkipsNothing() {
    LiveTrack.View v = window();
    List<LiveTrack.SegmentView> lastFive = v.segments().subList(6, 11);
    assertThat(MediaPlaylist.skipped(lastFive, 12.0)).isZero();
    assertThat(MediaPlaylist.skipped(List.of(), 12.0)).isZero();
  }
}
