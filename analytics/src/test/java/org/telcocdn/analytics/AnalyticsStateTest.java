package org.telcocdn.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.telcocdn.accesslog.AccessRecord;
import org.telcocdn.accesslog.Cmcd;
import org.telcocdn.accesslog.CmcdParser;

class AnalyticsStateTest {
  static AccessRecord seg(
      String edge,
      String sid,
      String title,
      long time,
      int segment,
      String cmcd,
      int status,
      String cache,
      long ttfbMicros) {
    Cmcd c = CmcdParser.parse(cmcd + ",sid=\"" + sid + "\"");
    return new AccessRecord(
        time,
        edge,
        "site-a",
        "10.0.0.0",
        sid,
        title,
        "720p",
        segment,
        "GET",
        "/videos/" + title + "/720p/seg_" + segment + ".m4s",
        status,
        1000,
        cache,
        ttfbMicros,
        100_000,
        c);
  }

  static AccessRecord master(String edge, String sid, String title, long time) {
    return new AccessRecord(
        time,
        edge,
        "site-a",
        "10.0.0.0",
        sid,
        title,
        null,
        -1,
        "GET",
        "/videos/" + title + "/master.m3u8",
        200,
        500,
        "HIT",
        1000,
        2000,
        CmcdParser.parse("sid=\"" + sid + "\""));
  }

  @Test
  void qosPerSessionEdgeAndTitle() {
    AnalyticsState s = new AnalyticsState(60_000, 3_600_000, 64, 100);
    // session a on edge-1: starts at 0, first segment ends at 1000 + 100 ms; one switch 2800 →
    // 1200; one starved
    s.apply(master("edge-1", "a", "t1", 0));
    s.apply(seg("edge-1", "a", "t1", 1000, 1, "br=2800", 200, "MISS", 4000));
    s.apply(seg("edge-1", "a", "t1", 3000, 2, "br=1200,bs", 200, "HIT", 2000));
    s.apply(seg("edge-1", "a", "t1", 5000, 3, "br=1200", 500, "MISS", 6000));
    // session b on edge-2: clean, starts at 10000, first segment at 10500 (ends 10600)
    s.apply(master("edge-2", "b", "t1", 10_000));
    s.apply(seg("edge-2", "b", "t1", 10_500, 1, "br=4000", 200, "HIT", 1000));

    Session.View a = s.session("a");
    assertThat(a.qos().startupMillis()).isEqualTo(1100);
    assertThat(a.qos().bitrateSwitches()).isEqualTo(1);
    assertThat(a.qos().avgBitrateKbps())
        .isEqualTo(2000); // 2800 and 1200; the 500 is not a delivered segment
    assertThat(a.qos().rebufferRatio()).isCloseTo(0.5, within(1e-9));
    assertThat(a.qos().errorRate()).isCloseTo(0.25, within(1e-9));
    assertThat(a.edges()).containsExactly("edge-1");

    Map<String, Qos.View> edges = s.qos(s.edges);
    assertThat(edges.get("edge-1").hitRatio()).isCloseTo(0.5, within(1e-9));
    assertThat(edges.get("edge-1").ttfbMillis())
        .isCloseTo((1000 + 4000 + 2000 + 6000) / 4.0 / 1000, within(1e-9));
    assertThat(edges.get("edge-2").startupMillis()).isEqualTo(600);
    Qos.View title = s.qos(s.titles).get("t1");
    assertThat(title.requests()).isEqualTo(6);
    assertThat(title.startupMillis()).isCloseTo((1100 + 600) / 2.0, within(1e-9));
    assertThat(title.avgBitrateKbps()).isCloseTo((2800 + 1200 + 4000) / 3.0, within(1e-9));
    assertThat(s.sessions(0, 10)).extracting(Session.View::id).containsExactly("b", "a");
    assertThat(s.sessions(1_000, 10)).extracting(Session.View::id).containsExactly("b");
  }

  @Test
  void onlySuccessfulSegmentsCountAsPopularity() {
    AnalyticsState s = new AnalyticsState(60_000, 3_600_000, 64, 100);
    for (int i = 0; i < 5; i++)
      s.apply(seg("edge-1", "a", "nosuch", 1000 + i, i, "br=2800", 404, "MISS", 1000));
    s.apply(seg("edge-1", "b", "t1", 2000, 1, "br=2800", 200, "HIT", 1000));
    s.apply(seg("edge-1", "b", "t1", 3000, 2, "br=2800", 206, "HIT", 1000));
    s.apply(seg("edge-1", "b", "t1", 4000, 3, "br=2800", 304, "HIT", 1000));
    s.apply(seg("edge-1", "b", "t1", 5000, 4, "br=2800", 503, "MISS", 1000));

    assertThat(s.top(WindowedTopK.ALL, 3_600_000, 10))
        .extracting(SpaceSaving.Entry::key, SpaceSaving.Entry::count)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("t1", 3L));
    assertThat(s.qos(s.titles).get("nosuch").errorRate())
        .as("the errors still count in QoS")
        .isEqualTo(1.0);
  }

  @Test
  void beaconsReplaceTheStartupEstimateAndGiveTheStallRatio() {
    AnalyticsState s = new AnalyticsState(60_000, 3_600_000, 64, 100);
    s.apply(master("edge-1", "a", "t1", 0));
    s.apply(seg("edge-1", "a", "t1", 1000, 1, "br=2800", 200, "MISS", 4000));
    s.apply(new Beacon("a", "t1", null, "startup", 1200L, 700L, null, null, null));
    s.apply(new Beacon("a", "t1", null, "progress", 9000L, null, 500L, 9500L, null));
    Session.View a = s.session("a");
    assertThat(a.qos().startupMillis()).isEqualTo(700);
    assertThat(a.qos().rebufferRatio()).isCloseTo(500.0 / 10_000, within(1e-9));
    assertThat(s.qos(s.titles).get("t1").startupMillis()).isEqualTo(700);
    assertThat(a.score()).isLessThanOrEqualTo(100);
    assertThat(List.of(a.score())).allMatch(x -> x > 50);
  }

  @Test
  void beaconsAndEdgeRecordsJoinBySid_inEitherOrder() {
    AnalyticsState s = new AnalyticsState(60_000, 3_600_000, 64, 100);
    // session a: edge records first, then the player's beacons
    s.apply(master("edge-1", "a", "t1", 0));
    s.apply(seg("edge-1", "a", "t1", 1000, 1, "br=2800", 200, "MISS", 4000)); // estimate 1100 ms
    s.apply(new Beacon("a", "t1", "edge-1", "startup", 1300L, 800L, null, null, 2800L));
    s.apply(new Beacon("a", "t1", "edge-1", "progress", 11_000L, null, null, 6000L, 2800L));
    s.apply(new Beacon("a", "t1", "edge-1", "progress", 21_000L, null, 1000L, 2000L, 1200L));
    // session b: the startup beacon arrives before the edge's records (the log is tailed later)
    s.apply(new Beacon("b", "t1", "edge-2", "startup", 500L, 400L, null, null, null));
    s.apply(master("edge-2", "b", "t1", 0));
    s.apply(seg("edge-2", "b", "t1", 200, 1, "br=4000", 200, "HIT", 1000));

    Session.View a = s.session("a");
    assertThat(a.edgeRecords()).isEqualTo(2);
    assertThat(a.beacons()).isEqualTo(3);
    assertThat(a.startupSource()).isEqualTo("player");
    assertThat(a.qos().startupMillis()).isEqualTo(800);
    assertThat(a.qos().avgBitrateKbps())
        .isCloseTo((2800.0 * 6000 + 1200.0 * 2000) / 8000, within(1e-9));
    assertThat(a.qos().rebufferRatio()).isCloseTo(1000.0 / 9000, within(1e-9));
    Session.View b = s.session("b");
    assertThat(b.edgeRecords()).isEqualTo(2);
    assertThat(b.qos().startupMillis())
        .as("no edge-log estimate once the player said")
        .isEqualTo(400);
    assertThat(s.sessionCount()).isEqualTo(2);
    // aggregates are sums of sessions: the estimate 1100 was replaced on edge-1, not added to
    Map<String, Qos.View> edges = s.qos(s.edges);
    assertThat(edges.get("edge-1").startupMillis()).isEqualTo(800);
    assertThat(edges.get("edge-2").startupMillis()).isEqualTo(400);
    assertThat(s.qos(s.titles).get("t1").startupMillis())
        .isCloseTo((800 + 400) / 2.0, within(1e-9));
  }

  @Test
  void percentilesPerEdgeAndTitle_keepTheTailOutOfTheMiddle() {
    AnalyticsState s = new AnalyticsState(60_000, 3_600_000, 64, 100);
    for (int i = 0; i < 100; i++) {
      // one request in ten waits a second for a fill; the rest take 2 ms
      s.apply(
          seg(
              "edge-1",
              "s" + i,
              "t1",
              1000L * i,
              1,
              "br=2800",
              200,
              "HIT",
              i % 10 == 0 ? 1_000_000 : 2_000));
    }
    Qos.View edge = s.qos(s.edges).get("edge-1");
    assertThat(edge.ttfbMillis()).as("the mean").isCloseTo(101.8, within(0.1));
    assertThat(edge.ttfbP50Millis()).isCloseTo(2, within(0.2));
    assertThat(edge.ttfbP95Millis()).as("10 % slow").isCloseTo(1000, within(100.0));
    assertThat(s.qos(s.titles).get("t1").ttfbP50Millis()).isCloseTo(2, within(0.2));
    assertThat(s.session("s1").qos().ttfbP50Millis()).as("sessions keep no distribution").isNull();
  }

  @Test
  void aBeaconsStartupReplacesTheEstimateInThePercentiles() {
    AnalyticsState s = new AnalyticsState(60_000, 3_600_000, 64, 100);
    s.apply(master("edge-1", "a", "t1", 0));
    s.apply(seg("edge-1", "a", "t1", 5000, 1, "br=2800", 200, "MISS", 4000)); // estimate 5100 ms
    assertThat(s.qos(s.edges).get("edge-1").startupP95Millis()).isCloseTo(5100, within(5100 * 0.1));
    s.apply(new Beacon("a", "t1", "edge-1", "startup", 5200L, 700L, null, null, null));
    Qos.View edge = s.qos(s.edges).get("edge-1");
    assertThat(edge.startupP50Millis()).isCloseTo(700, within(70.0));
    assertThat(edge.startupP95Millis()).as("the estimate is gone").isCloseTo(700, within(70.0));
    assertThat(s.qos(s.titles).get("t1").startupP95Millis()).isCloseTo(700, within(70.0));
  }

  @Test
  void aPlayerErrorCountsApartFromEdgeErrors() {
    AnalyticsState s = new AnalyticsState(60_000, 3_600_000, 64, 100);
    s.apply(seg("edge-1", "a", "t1", 1000, 1, "br=2800", 200, "MISS", 4000));
    s.apply(new Beacon("a", "t1", "edge-1", "error", 2000L, null, null, null, null));
    Session.View a = s.session("a");
    assertThat(a.qos().playerErrors()).isEqualTo(1);
    assertThat(a.qos().errorRate()).isZero();
    assertThat(a.score()).isLessThanOrEqualTo(80);
  }

  @Test
  void aBeaconFromAClockFarOffTakesTheArrivalTime() {
    Beacon skewed = new Beacon("s", null, null, "progress", 5_000_000L, null, null, 10L, null);
    assertThat(skewed.timedBy(5_030_000L, 60_000).time()).isEqualTo(5_000_000L);
    assertThat(skewed.timedBy(9_000_000L, 60_000).time()).isEqualTo(9_000_000L);
    assertThat(
            new Beacon("s", null, null, "end", null, null, null, null, null)
                .timedBy(7L, 60_000)
                .time())
        .isEqualTo(7L);
  }

  @Test
  void beaconProblems() {
    assertThat(new Beacon("s", null, null, "progress", null, null, null, 10L, null).problem())
        .isNull();
    assertThat(new Beacon(" ", null, null, "progress", null, null, null, null, null).problem())
        .contains("sid");
    assertThat(new Beacon("s", null, null, "pause", null, null, null, null, null).problem())
        .contains("event");
    assertThat(new Beacon("s", null, null, "startup", null, -5L, null, null, null).problem())
        .contains("negative");
  }
}
