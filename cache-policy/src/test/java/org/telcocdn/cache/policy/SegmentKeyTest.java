package org.telcocdn.cache.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SegmentKeyTest {
  @Test
  void parsesRenditionAndIndexFromAnEdgePath() {
    SegmentKey a = SegmentKey.parse("v1", "720p/seg_00042.m4s");
    SegmentKey b = SegmentKey.parse("v1", "720p/seg_00043.m4s");
    SegmentKey c = SegmentKey.parse("v1", "360p/seg_00042.m4s");
    assertThat(a.index()).isEqualTo(41); // files count from 1, positions from 0
    assertThat(a.title()).isEqualTo(b.title()).isEqualTo(c.title());
    assertThat(a.rendition()).isEqualTo(b.rendition()).isNotEqualTo(c.rendition());
  }

  @Test
  void theOriginsFirstSegmentFileIsASessionsStart() {
    assertThat(SegmentKey.parse("v1", "720p/seg_00001.m4s").index()).isZero();
    assertThat(SegmentKey.parse("v1", "720p/seg_00000.m4s").index()).isZero();
  }

  @Test
  void renditionsAreLadderStepsByHeight() {
    assertThat(SegmentKey.rendition("240p")).isEqualTo(1);
    assertThat(SegmentKey.rendition("1080p")).isEqualTo(5);
    assertThat(SegmentKey.rendition("audio")).isBetween(8, 15);
  }

  @Test
  void playlistsArePlainObjects() {
    SegmentKey p = SegmentKey.parse("v1", "720p/index.m3u8");
    assertThat(p.isSegment()).isFalse();
    assertThat(p).isNotEqualTo(SegmentKey.parse("v1", "master.m3u8"));
  }

  @Test
  void packedIdsRoundTrip() {
    long id = VideoIds.pack(123_456, 4, 789);
    assertThat(VideoIds.shape(id)).isEqualTo(new SegmentKey(123_456, 4, 789));
    assertThat(VideoIds.title(id)).isEqualTo(123_456);
    assertThat(VideoIds.title(VideoIds.pack(0xFFFFFF, 15, 0xFFFFF))).isEqualTo(0xFFFFFF);
    assertThat(VideoIds.shape(42L).isSegment()).isFalse();
  }
}
