package org.telcocdn.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.telcocdn.accesslog.AccessRecord;
import org.telcocdn.accesslog.CmcdParser;
import org.telcocdn.common.json.Json;

class LiveAudienceTest {
  static final String CHANNEL = "live-0123456789ab";
  static final long T0 = 1_764_900_000_000L;

  /** A part request of {@code sid} as the edge logs it, with the player's CMCD. */
  static AccessRecord part(String channel, String sid, long time, String cmcd) {
    return new AccessRecord(
        time,
        "edge-1",
        "site-a",
        "10.0.0.0",
        sid,
        channel,
        "480p",
        -1,
        "GET",
        "/videos/" + channel + "/480p/part_12_3.m4s",
        200,
        20_000,
        "HIT",
        500,
        2_000,
        CmcdParser.parse(cmcd + ",sid=\"" + sid + "\""));
  }

  static Beacon latency(String channel, String sid, long time, long latencyMs) {
    return new Beacon(sid, channel, "edge-1", "latency", time, null, null, null, null, latencyMs);
  }

  static AnalyticsState state() {
    return new AnalyticsState(60_000, 3_600_000, 64, 1000);
  }

  @Test
  void viewersAreSessionsWithCmcdStreamTypeLiveWithinTheWindow() {
    AnalyticsState s = state();
    s.apply(part(CHANNEL, "a", T0, "st=l,br=800"));
    s.apply(part(CHANNEL, "b", T0 + 10_000, "st=l"));
    s.apply(part(CHANNEL, "b", T0 + 11_000, "st=l")); // one session, counted once
    s.apply(part(CHANNEL, "c", T0 + 12_000, "st=v")); // the player says VOD
    s.apply(part(CHANNEL, "d", T0 + 12_000, "br=800")); // no stream type
    s.apply(part("live-ffffffffffff", "e", T0 + 39_000, "st=l"));

    List<LiveAudience.ChannelView> now = s.live(T0 + 40_000, 30_000);
    assertThat(now)
        .extracting(LiveAudience.ChannelView::channel, LiveAudience.ChannelView::viewers)
        .containsExactly(tuple(CHANNEL, 1), tuple("live-ffffffffffff", 1));
    assertThat(s.live(T0 + 5_000, 30_000).getFirst().viewers()).isEqualTo(2);
    assertThat(s.liveViewers(T0 + 40_000, 30_000)).isEqualTo(2);
    assertThat(s.live(T0 + 100_000, 30_000)).as("everyone left").isEmpty();
  }

  @Test
  void latencyIsTheMedianAndP95OfEachViewersNewestSample() {
    AnalyticsState s = state();
    for (int i = 1; i <= 20; i++) {
      s.apply(part(CHANNEL, "v" + i, T0, "st=l"));
      // an older, larger sample per viewer that the newer one replaces
      s.apply(latency(CHANNEL, "v" + i, T0 + 1_000, 9_000));
      s.apply(latency(CHANNEL, "v" + i, T0 + 6_000, i * 100L));
    }
    s.apply(latency(CHANNEL, "v1", T0 + 2_000, 50_000)); // late, older than v1's newest

    LiveAudience.ChannelView v = s.live(T0 + 10_000, 30_000).getFirst();
    assertThat(v.viewers()).isEqualTo(20);
    assertThat(v.latencyViewers()).isEqualTo(20);
    assertThat(v.latencyP50Millis()).isEqualTo(1_000); // nearest rank: 10th of 20
    assertThat(v.latencyP95Millis()).isEqualTo(1_900); // 19th of 20
    assertThat(v.lastSeen()).isEqualTo(T0 + 6_000);
  }

  @Test
  void aViewerWithoutARecentLatencySampleCountsWithoutLatency() {
    AnalyticsState s = state();
    s.apply(latency(CHANNEL, "a", T0, 1_500));
    s.apply(part(CHANNEL, "a", T0 + 50_000, "st=l"));
    s.apply(part(CHANNEL, "b", T0 + 50_000, "st=l"));

    LiveAudience.ChannelView v = s.live(T0 + 55_000, 30_000).getFirst();
    assertThat(v.viewers()).isEqualTo(2);
    assertThat(v.latencyViewers()).isZero();
    assertThat(v.latencyP50Millis()).isNull();
    assertThat(v.latencyP95Millis()).isNull();
    assertThat(s.live(T0 + 55_000, 60_000).getFirst().latencyP50Millis()).isEqualTo(1_500);
  }

  @Test
  void aLatencyBeaconMakesAViewerAndJoinsTheSession() {
    AnalyticsState s = state();
    s.apply(latency(CHANNEL, "a", T0, 1_200));
    assertThat(s.live(T0, 30_000).getFirst().viewers()).isEqualTo(1);
    assertThat(s.session("a").beacons()).isEqualTo(1);
  }

  @Test
  void memoryIsBoundedInChannelsViewersAndTime() {
    LiveAudience a = new LiveAudience();
    for (int i = 0; i < LiveAudience.MAX_CHANNELS + 10; i++) a.seen("live-" + i, "s", T0 + i);
    assertThat(a.channels).hasSize(LiveAudience.MAX_CHANNELS);
    assertThat(a.channels).doesNotContainKey("live-0").containsKey("live-1009");

    LiveAudience b = new LiveAudience();
    for (int i = 0; i < LiveAudience.MAX_VIEWERS + 10; i++) b.seen(CHANNEL, "s" + i, T0);
    assertThat(b.channels.get(CHANNEL)).hasSize(LiveAudience.MAX_VIEWERS).doesNotContainKey("s0");

    // the cap is over all channels: the channel active longest ago gives up its oldest viewers
    LiveAudience two = new LiveAudience();
    for (int i = 0; i < 10; i++) two.seen("live-old", "o" + i, T0);
    for (int i = 0; i < LiveAudience.MAX_VIEWERS - 5; i++) two.seen(CHANNEL, "s" + i, T0 + 1);
    assertThat(two.channels.get("live-old")).containsOnlyKeys("o5", "o6", "o7", "o8", "o9");
    two.seen("live-old", "o9", T0 + 2); // the old channel active again: now the other is older
    two.seen("live-new", "n", T0 + 3);
    assertThat(two.channels.values().stream().mapToInt(java.util.Map::size).sum())
        .isEqualTo(LiveAudience.MAX_VIEWERS);
    assertThat(two.channels.get("live-old")).hasSize(5);
    assertThat(two.channels.get(CHANNEL))
        .doesNotContainKey("s0")
        .hasSize(LiveAudience.MAX_VIEWERS - 6);
    // counted again after a snapshot: the cap still holds
    LiveAudience back = Json.read(Json.bytes(two), LiveAudience.class);
    back.seen("live-new", "n2", T0 + 4);
    assertThat(back.channels.values().stream().mapToInt(java.util.Map::size).sum())
        .isEqualTo(LiveAudience.MAX_VIEWERS);

    LiveAudience c = new LiveAudience();
    c.seen(CHANNEL, "old", T0);
    c.seen(CHANNEL, "new", T0 + LiveAudience.RETAIN_MILLIS + 1);
    assertThat(c.channels.get(CHANNEL)).containsOnlyKeys("new");
  }

  @Test
  void survivesTheSnapshot() {
    AnalyticsState s = state();
    s.apply(part(CHANNEL, "a", T0, "st=l"));
    s.apply(latency(CHANNEL, "a", T0 + 1_000, 1_700));
    AnalyticsState back = Json.read(Json.bytes(s), AnalyticsState.class);
    assertThat(back.live(T0 + 2_000, 30_000))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.viewers()).isEqualTo(1);
              assertThat(v.latencyP50Millis()).isEqualTo(1_700);
            });
  }

  @Test
  void latencyBeaconsAreCheckedStrictly() {
    assertThat(latency(CHANNEL, "a", T0, 1_000).problem()).isNull();
    assertThat(latency("3f9a0c1b2d4e", "a", T0, 1_000).problem()).contains("live channel");
    assertThat(latency(null, "a", T0, 1_000).problem()).contains("cid");
    assertThat(latency(CHANNEL, "a", T0, -1).problem()).contains("negative");
    assertThat(latency(CHANNEL, "a", T0, Beacon.MAX_LATENCY_MS + 1).problem()).contains("at most");
    assertThat(
            new Beacon("a", CHANNEL, null, "latency", T0, null, null, null, null, null).problem())
        .contains("latencyMs");
    assertThat(
            new Beacon("a", CHANNEL, null, "progress", T0, null, null, 10L, null, 1_000L).problem())
        .contains("latency beacon only");
  }
}
