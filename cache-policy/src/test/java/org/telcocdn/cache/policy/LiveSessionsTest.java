package org.telcocdn.cache.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LiveSessionsTest {
  private static final long TITLE = 7;

  /**
   * Two sessions' worth of requests of TITLE: positions 0, 1, 2 then 0, 1, so reaching 2 from 0 is
   * 1 in 2.
   */
  private static AudienceShape halfReachPosition2() {
    AudienceShape audience = new AudienceShape(new TitleStats(512, 16, () -> {}));
    for (int k : new int[] {0, 1, 2, 0, 1}) audience.record(new SegmentKey(TITLE, 1, k));
    return audience;
  }

  private static double followers(
      LiveSessions live, long title, int rendition, int index, long now, AudienceShape audience) {
    return live.followers(title, rendition, index, now, audience.curve(title), audience);
  }

  @Test
  void aSessionBehindASegmentPredictsItsRequestOneSegmentDurationPerPosition() {
    AudienceShape audience = halfReachPosition2();
    LiveSessions live = new LiveSessions();
    live.record(TITLE, 1, 0, 100);
    // initial segment duration 32 requests: due in 2 * 32 - 10 = 54 requests, reached with
    // probability 1/2
    assertThat(followers(live, TITLE, 1, 2, 110, audience)).isCloseTo(0.5 / 54, within(1e-12));
    assertThat(followers(live, TITLE, 2, 2, 110, audience))
        .as("another rendition, both in start-up")
        .isZero();
    assertThat(followers(live, TITLE, 1, 0, 110, audience))
        .as("a position the session has passed")
        .isZero();
    assertThat(followers(live, TITLE + 1, 1, 2, 110, audience)).as("another title").isZero();
  }

  @Test
  void aSessionNotHeardOfForOneAndAHalfSegmentDurationsHasStopped() {
    AudienceShape audience = halfReachPosition2();
    LiveSessions live = new LiveSessions();
    live.record(TITLE, 1, 0, 100);
    assertThat(followers(live, TITLE, 1, 2, 148, audience)).isPositive(); // 48 = 1.5 * 32
    assertThat(followers(live, TITLE, 1, 2, 149, audience)).isZero();
  }

  @Test
  void theNextPositionContinuesTheSessionAndTeachesTheSegmentDuration() {
    AudienceShape audience = halfReachPosition2();
    LiveSessions live = new LiveSessions();
    live.record(TITLE, 1, 0, 100);
    live.record(
        TITLE, 1, 1, 130); // 30 requests later: the same session, duration 32 steps down 1 %
    double spacing = 32 / 1.01;
    assertThat(live.spacing()).isCloseTo(spacing, within(1e-12));
    // one session, now at position 1: reaching 2 from 1 is 1 in 2 again (two requests at 1, one at
    // 2)
    assertThat(followers(live, TITLE, 1, 2, 140, audience))
        .isCloseTo(0.5 / (spacing - 10), within(1e-12));
  }

  @Test
  void theSegmentDurationFollowsTheLoad() {
    LiveSessions live = new LiveSessions();
    for (int k = 0; k < 300; k++) live.record(TITLE, 1, k, 1 + 10L * k);
    assertThat(live.spacing()).isBetween(10 / 1.01, 10 * 1.01);
  }

  @Test
  void aSessionPastStartUpOnlyPredictsItsOwnRendition() {
    AudienceShape audience = new AudienceShape(new TitleStats(512, 16, () -> {}));
    for (int k = 0; k < 10; k++) audience.record(new SegmentKey(TITLE, 4, k));
    LiveSessions live = new LiveSessions();
    live.record(TITLE, 4, 5, 100);
    assertThat(followers(live, TITLE, 4, 8, 101, audience)).isPositive();
    assertThat(followers(live, TITLE, 3, 8, 101, audience)).isZero();
  }
}
