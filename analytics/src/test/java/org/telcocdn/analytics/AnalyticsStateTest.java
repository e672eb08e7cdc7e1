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
  static AccessRecord seg(String edge, String sid, String title, long time, int segment, String cmcd, int status,
      String cache, long ttfbMicros) {
    Cmcd c = CmcdParser.parse(cmcd + ",sid=\"" + sid + "\"");
    return new AccessRecord(time, edge, "site-a", "10.0.0.0", sid, title, "720p", segment, "GET",
        "/videos/" + title + "/720p/seg_" + segment + ".m4s", status, 1000, cache, ttfbMicros, 100_000, c);
  }

  static AccessRecord master(String edge, String sid, String title, long time) {
    return new AccessRecord(time, edge, "site-a", "10.0.0.0", sid, title, null, -1, "GET",
        "/videos/" + title + "/master.m3u8", 200, 500, "HIT", 1000, 2000, CmcdParser.parse("sid=\"" + sid + "\""));
  }

  @Test
  void qosPerSessionEdgeAndTitle() {
    AnalyticsState s = new AnalyticsState(60_000, 3_600_000, 64, 100);
    // session a on edge-1: starts at 0, first segment ends at 1000 + 100 ms; one switch 2800 → 1200; one starved
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
    assertThat(a.qos().avgBitrateKbps()).isEqualTo(2000); // 2800 and 1200; the 500 is not a delivered segment
    assertThat(a.qos().rebufferRatio()).isCloseTo(0.5, within(1e-9));
    assertThat(a.qos().errorRate()).isCloseTo(0.25, within(1e-9));
    assertThat(a.edges()).containsExactly("edge-1");

    Map<String, Qos.View> edges = s.qos(s.edges);
    assertThat(edges.get("edge-1").hitRatio()).isCloseTo(0.5, within(1e-9));
    assertThat(edges.get("edge-1").ttfbMillis()).isCloseTo((1000 + 4000 + 2000 + 6000) / 4.0 / 1000, within(1e-9));
    assertThat(edges.get("edge-2").startupMillis()).isEqualTo(600);
    Qos.View title = s.qos(s.titles).get("t1");
    assertThat(title.requests()).isEqualTo(6);
    assertThat(title.startupMillis()).isCloseTo((1100 + 600) / 2.0, within(1e-9));
    assertThat(title.avgBitrateKbps()).isCloseTo((2800 + 1200 + 4000) / 3.0, within(1e-9));
    assertThat(s.sessions(0, 10)).extracting(Session.View::id).containsExactly("b", "a");
    assertThat(s.sessions(1_000, 10)).extracting(Session.View::id).containsExactly("b");
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
}
