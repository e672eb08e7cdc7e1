package org.telcocdn.controller.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code etime} model: edges at their caps, sites in parallel, replicas after first copies. */
class CompletionEstimateTest {
  private static final long NOW = 1_800_000_000L;
  private static final long CAP = 12_500_000;

  @Test
  void sitesFillInParallel_eachEdgeAtTheTriggersRate() {
    Trigger t =
        active(
            running("site-a", "e1", null, 4_000_000, 0),
            running("site-b", "e2", null, 4_000_000, 1_000_000));

    // site-a: 4 MB at 200 kB/s = 20 s; site-b 15 s; the slower site decides
    assertThat(CompletionEstimate.of(t, 200_000, CAP, NOW)).isEqualTo(NOW + 20);
  }

  @Test
  void replicasStartAfterTheSitesFirstCopy() {
    Trigger t =
        active(running("site-a", "e1", null, 2_000_000, 1_000_000), waiting("site-a", "e2", "e1"));

    // 1 MB left of the first copy, then the replica's 2 MB (the size e1 reported for the title)
    assertThat(CompletionEstimate.of(t, 100_000, CAP, NOW)).isEqualTo(NOW + 30);
  }

  @Test
  void jobsOfOneEdgeShareItsCap_andATriggerWithoutARateGoesAtTheEdgeCap() {
    Trigger t =
        active(
            new Unit(
                "site-a",
                "e1",
                "u",
                "v1",
                List.of(),
                null,
                UnitState.RUNNING,
                1,
                25_000_000,
                0,
                0,
                null),
            new Unit(
                "site-a",
                "e1",
                "u",
                "v2",
                List.of(),
                null,
                UnitState.RUNNING,
                1,
                25_000_000,
                0,
                0,
                null));

    assertThat(CompletionEstimate.of(t, 0, CAP, NOW)).isEqualTo(NOW + 4); // 50 MB at 12.5 MB/s
  }

  @Test
  void noSizeReportedYet_noEstimate() {
    Trigger t = active(running("site-a", "e1", null, 0, 0));

    assertThat(CompletionEstimate.of(t, 200_000, CAP, NOW)).isNull();
  }

  @Test
  void pastHalfway_aFillSlowerThanItsCapIsBelieved() {
    // 3 of 4 MB in 60 s (50 kB/s, viewers made it back off) where the cap says 200 kB/s
    Trigger t = since(NOW - 60, running("site-a", "e1", null, 4_000_000, 3_000_000));

    assertThat(CompletionEstimate.of(t, 200_000, CAP, NOW)).isEqualTo(NOW + 20);
  }

  private static Unit running(String site, String edge, String from, long bytes, long done) {
    return new Unit(
        site, edge, "u", "v1", List.of(), from, UnitState.RUNNING, 10, bytes, 0, done, null);
  }

  private static Unit waiting(String site, String edge, String from) {
    return new Unit(site, edge, "u", "v1", List.of(), from, UnitState.WAITING, 0, 0, 0, 0, null);
  }

  private static Trigger active(Unit... units) {
    return since(NOW - 1, units);
  }

  private static Trigger since(long activeSince, Unit... units) {
    return new Trigger(
        "t",
        null,
        activeSince,
        NOW,
        null,
        TriggerStatus.ACTIVE,
        List.of(),
        List.of(units),
        activeSince * 1000);
  }
}
