package org.telcocdn.cache.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VideoPopularityPolicyTest {
  private static final SegmentShape<String> PATHS = k -> SegmentKey.parse(k.substring(0, k.indexOf('/')), k.substring(k.indexOf('/') + 1));

  /** The path vid-raw writes for the segment at {@code position} (0 = a session's start): files are numbered from 1. */
  private static String seg(String title, String rendition, int position) {
    return String.format("%s/%s/seg_%05d.m4s", title, rendition, position + 1);
  }

  /** Ten sessions of "hit" watch 3 segments; one of "cold" watches 30. */
  private static Recorder watched() {
    Recorder r = new Recorder(new VideoPopularityPolicy<>(1_000_000, 100, PATHS));
    for (int s = 0; s < 10; s++) for (int k = 0; k < 3; k++) r.request(seg("hit", "720p", k), 1_000);
    for (int k = 0; k < 30; k++) r.request(seg("cold", "720p", k), 1_000);
    for (int s = 0; s < 3; s++) r.request(seg("other", "1080p", 0), 1_000);
    return r;
  }

  @Test
  void aPopularTitlesUnseenSegmentsAndRenditionsShareItsPopularity() {
    VideoPopularityPolicy<String> p = (VideoPopularityPolicy<String>) watched().policy;
    double unseenEarlyOfHit = p.value(PATHS.of(seg("hit", "720p", 3)));
    double otherRenditionOfHit = p.value(PATHS.of(seg("hit", "1080p", 0)));
    double seenOfCold = p.value(PATHS.of(seg("cold", "720p", 3)));
    assertThat(unseenEarlyOfHit).isGreaterThan(seenOfCold);
    assertThat(otherRenditionOfHit).isGreaterThan(seenOfCold);
  }

  @Test
  void earlySegmentsOutrankLateOnesOfTheSameTitle() {
    VideoPopularityPolicy<String> p = (VideoPopularityPolicy<String>) watched().policy;
    assertThat(p.value(PATHS.of(seg("cold", "720p", 0)))).isGreaterThan(p.value(PATHS.of(seg("cold", "720p", 29))));
  }

  @Test
  void evictsTheColdTitleBeforeThePopularOne() {
    Recorder r = new Recorder(new VideoPopularityPolicy<>(10_000, 10, PATHS));
    for (int s = 0; s < 10; s++) r.request(seg("hit", "720p", 0), 1_000);
    for (int k = 0; k < 9; k++) r.request(seg("cold", "720p", k), 1_000);
    for (int s = 0; s < 5; s++) r.request(seg("hit", "720p", 1), 1_000);
    assertThat(r.policy.contains(seg("hit", "720p", 0))).isTrue();
    assertThat(r.policy.contains(seg("hit", "720p", 1))).isTrue();
    assertThat(r.evicted).isNotEmpty().allMatch(k -> k.startsWith("cold/"));
    assertThat(r.policy.usedBytes()).isLessThanOrEqualTo(10_000);
  }

  @Test
  void plainObjectsFallBackToTheirOwnFrequency() {
    Recorder r = new Recorder(new VideoPopularityPolicy<>(3_000, 3, PATHS));
    for (int i = 0; i < 5; i++) r.request("x/hot.bin", 1_000);
    for (int i = 0; i < 100; i++) r.request("x/once" + i + ".bin", 1_000);
    assertThat(r.policy.contains("x/hot.bin")).isTrue();
  }

  @Test
  void aFullCacheStillAdmitsTheFirstSegmentsOfATitleManySessionsStart() {
    Recorder r = new Recorder(new VideoPopularityPolicy<>(3_000, 3, PATHS));
    for (int k = 0; k < 3; k++) r.request(seg("old", "720p", k), 1_000);
    for (int s = 0; s < 5; s++) r.request(seg("new", "720p", 0), 1_000);
    assertThat(r.policy.contains(seg("new", "720p", 0))).isTrue();
    assertThat(r.evicted).isNotEmpty().allMatch(k -> k.startsWith("old/"));
  }

  @Test
  void aSessionWatchingATitleRaisesTheValueOfTheSegmentsAheadOfIt() {
    Recorder r = new Recorder(new VideoPopularityPolicy<>(1_000_000, 100, PATHS));
    for (String title : new String[] {"a", "b"}) for (int s = 0; s < 2; s++) for (int k = 0; k < 4; k++) r.request(seg(title, "720p", k), 1_000);
    for (int i = 0; i < 200; i++) r.request(seg("c", "720p", i), 1_000); // the sessions above have long stopped
    VideoPopularityPolicy<String> p = (VideoPopularityPolicy<String>) r.policy;
    double aBefore = p.value(PATHS.of(seg("a", "720p", 2)));
    assertThat(aBefore).isEqualTo(p.value(PATHS.of(seg("b", "720p", 2))));
    r.request(seg("a", "720p", 1), 1_000); // a viewer resumes a at position 1
    assertThat(p.value(PATHS.of(seg("a", "720p", 2)))).isGreaterThan(aBefore);
    assertThat(p.value(PATHS.of(seg("b", "720p", 2)))).isLessThan(aBefore);
  }

  @Test
  void aDeepSegmentKeepsOnlyTheShareOfTheHorizonLeftAfterANewSessionCouldReachIt() {
    // horizon 1000 requests, a segment lasts 10: position 50 is reached after 500, half the horizon
    assertThat(VideoPopularityPolicy.withinHorizon(0, 10, 1000)).isEqualTo(1);
    assertThat(VideoPopularityPolicy.withinHorizon(50, 10, 1000)).isEqualTo(0.5);
    assertThat(VideoPopularityPolicy.withinHorizon(200, 10, 1000)).isEqualTo(VideoPopularityPolicy.RESUMES);
    assertThat(VideoPopularityPolicy.withinHorizon(200, 10, 0)).as("no eviction yet, no horizon").isEqualTo(1);
  }
}
