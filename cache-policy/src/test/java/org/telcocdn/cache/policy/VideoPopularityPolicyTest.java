package org.telcocdn.cache.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VideoPopularityPolicyTest {
  private static final SegmentShape<String> PATHS =
      k -> SegmentKey.parse(k.substring(0, k.indexOf('/')), k.substring(k.indexOf('/') + 1));

  /**
   * The path vid-raw writes for the segment at {@code position} (0 = a session's start): files are
   * numbered from 1.
   */
  private static String seg(String title, String rendition, int position) {
    return String.format("%s/%s/seg_%05d.m4s", title, rendition, position + 1);
  }

  /** Ten sessions of "hit" watch 3 segments; one of "cold" watches 30. */
  private static Recorder watched() {
    Recorder r = new Recorder(new VideoPopularityPolicy<>(1_000_000, 100, PATHS));
    for (int s = 0; s < 10; s++)
      for (int k = 0; k < 3; k++) r.request(seg("hit", "720p", k), 1_000);
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
    assertThat(p.value(PATHS.of(seg("cold", "720p", 0))))
        .isGreaterThan(p.value(PATHS.of(seg("cold", "720p", 29))));
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

  /** Requests for {@code objects} plain objects of 1 to 4 kB, Zipf-like, with one-hit wonders. */
  private static void generalTraffic(Recorder r, long seed, int requests) {
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < requests; i++) {
      int id = random.nextDouble() < 0.2 ? 1_000 + i : (int) Math.pow(500, random.nextDouble());
      r.request("site/obj" + id + ".jpg", 1_000 + (id * 7919L) % 3_000);
    }
  }

  @Test
  void otherObjectsAloneAreKeptExactlyAsS3FifoKeepsThem() {
    Recorder vpop = new Recorder(new VideoPopularityPolicy<>(40_000, 16, PATHS));
    Recorder s3fifo =
        new Recorder(new S3FifoPolicy<>(40_000, VideoPopularityPolicy.SMALL_SHARE, 16));
    generalTraffic(vpop, 5, 20_000);
    generalTraffic(s3fifo, 5, 20_000);
    assertThat(vpop.hits).isPositive().isEqualTo(s3fifo.hits);
    assertThat(vpop.evicted).isNotEmpty().isEqualTo(s3fifo.evicted);
    assertThat(vpop.policy.usedBytes())
        .isEqualTo(s3fifo.policy.usedBytes())
        .isLessThanOrEqualTo(40_000);
  }

  @Test
  void otherObjectsAreNeverRefusedAndAReusedOneOutlivesAScan() {
    Recorder r = new Recorder(new VideoPopularityPolicy<>(3_000, 3, PATHS));
    for (int i = 0; i < 5; i++) r.request("x/hot.bin", 1_000);
    for (int i = 0; i < 100; i++) {
      r.request("x/once" + i + ".bin", 1_000);
      assertThat(r.policy.contains("x/once" + i + ".bin")).isTrue();
    }
    assertThat(r.policy.contains("x/hot.bin")).isTrue();
  }

  @Test
  void segmentsAndOtherObjectsShareTheBudgetWithoutEitherStarving() {
    Recorder r = new Recorder(new VideoPopularityPolicy<>(60_000, 60, PATHS));
    SplittableRandom random = new SplittableRandom(9);
    for (int i = 0; i < 20_000; i++) {
      if (random.nextBoolean()) {
        int title = (int) Math.pow(50, random.nextDouble());
        r.request(seg("t" + title, "720p", random.nextInt(3)), 1_000);
      } else {
        r.request("site/obj" + (int) Math.pow(300, random.nextDouble()) + ".jpg", 1_000);
      }
      assertThat(r.policy.usedBytes()).isLessThanOrEqualTo(60_000);
    }
    long segments = r.evicted.stream().filter(k -> k.endsWith(".m4s")).count();
    assertThat(segments).as("segments evicted").isPositive();
    assertThat(r.evicted.size() - segments).as("other objects evicted").isPositive();
    int residentSegments = 0;
    int residentOthers = 0;
    for (int t = 1; t < 50; t++) if (r.policy.contains(seg("t" + t, "720p", 0))) residentSegments++;
    for (int o = 1; o < 300; o++) if (r.policy.contains("site/obj" + o + ".jpg")) residentOthers++;
    assertThat(residentSegments).isGreaterThan(5);
    assertThat(residentOthers).isGreaterThan(5);
    assertThat(r.policy.objectCount()).isLessThanOrEqualTo(60);
  }

  @Test
  void removingForgetsAnObjectOfEitherPart() {
    Recorder r = new Recorder(new VideoPopularityPolicy<>(10_000, 10, PATHS));
    r.request(seg("a", "720p", 0), 1_000).request("a/index.m3u8", 200);
    assertThat(r.policy.objectCount()).isEqualTo(2);
    r.policy.remove("a/index.m3u8");
    r.policy.remove(seg("a", "720p", 0));
    r.policy.remove("never/seen.bin");
    assertThat(r.policy.objectCount()).isZero();
    assertThat(r.policy.usedBytes()).isZero();
    assertThat(r.policy.contains("a/index.m3u8")).isFalse();
  }

  @Test
  void anObjectLargerThanTheBudgetIsRefusedWithoutEvictingAnything() {
    Recorder r = new Recorder(new VideoPopularityPolicy<>(2_000, 2, PATHS));
    r.request(seg("a", "720p", 0), 1_000).request("a/poster.jpg", 1_000);
    assertThat(r.policy.onMiss("a/huge.bin", 2_001, r.evicted::add)).isFalse();
    assertThat(r.policy.onMiss(seg("a", "720p", 9), 2_001, r.evicted::add)).isFalse();
    assertThat(r.evicted).isEmpty();
    assertThat(r.policy.objectCount()).isEqualTo(2);
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
    for (String title : new String[] {"a", "b"})
      for (int s = 0; s < 2; s++)
        for (int k = 0; k < 4; k++) r.request(seg(title, "720p", k), 1_000);
    for (int i = 0; i < 200; i++)
      r.request(seg("c", "720p", i), 1_000); // the sessions above have long stopped
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
    assertThat(VideoPopularityPolicy.withinHorizon(200, 10, 1000))
        .isEqualTo(VideoPopularityPolicy.RESUMES);
    assertThat(VideoPopularityPolicy.withinHorizon(200, 10, 0))
        .as("no eviction yet, no horizon")
        .isEqualTo(1);
  }
}
