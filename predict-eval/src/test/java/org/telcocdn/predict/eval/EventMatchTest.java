package org.telcocdn.predict.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.telcocdn.cache.sim.FlashCrowd;

class EventMatchTest {
  private static FlashCrowd crowd(long onset, int site, long title) {
    return new FlashCrowd(onset, site, title, FlashCrowd.Kind.RELEASE, 20, 0.1);
  }

  private static Alarm alarm(long time, int site, long title) {
    return new Alarm(time, site, title, 1, Method.FEDERATED, 0);
  }

  private final EventMatch match =
      new EventMatch(
          List.of(crowd(10_000, 0, 1), crowd(20_000, 1, 2), crowd(30_000, 0, 3)), 0, 36_000, 2);

  @Test
  void anAlarmCountsFromFiveMinutesBeforeTheOnsetToThirtySecondsAfter() {
    Detection d =
        match.score(
            Method.FEDERATED,
            0.5,
            List.of(alarm(10_000 - 300, 0, 1), alarm(20_030, 1, 2), alarm(30_031, 0, 3)));
    assertThat(d.events()).isEqualTo(3);
    assertThat(d.detected()).isEqualTo(2);
    assertThat(d.falseAlarms()).isEqualTo(1);
    assertThat(d.precision()).isCloseTo(2 / 3.0, within(1e-9));
    assertThat(d.recall()).isCloseTo(2 / 3.0, within(1e-9));
    assertThat(d.f1()).isCloseTo(2 / 3.0, within(1e-9));
  }

  @Test
  void leadIsTheFirstCountingAlarmBeforeTheOnset() {
    Detection d =
        match.score(
            Method.FEDERATED,
            0.5,
            List.of(
                alarm(9_900, 0, 1), alarm(9_960, 0, 1), alarm(19_990, 1, 2), alarm(30_020, 0, 3)));
    assertThat(d.detected()).isEqualTo(3);
    assertThat(d.medianLead()).isEqualTo(10);
    assertThat(d.p10Lead()).isEqualTo(-20);
    assertThat(d.falseAlarms()).isZero();
  }

  @Test
  void anAlarmForAnotherSiteOrTitleIsFalseAndCountsPerSiteHour() {
    Detection d =
        match.score(Method.FEDERATED, 0.5, List.of(alarm(10_000, 1, 1), alarm(10_000, 0, 2)));
    assertThat(d.detected()).isZero();
    assertThat(d.falseAlarms()).isEqualTo(2);
    assertThat(d.falseAlarmsPerSiteHour()).isCloseTo(2 / 20.0, within(1e-9));
    assertThat(d.medianLead()).isNaN();
  }

  @Test
  void onlyTheScoredPeriodCounts() {
    EventMatch late =
        new EventMatch(List.of(crowd(10_000, 0, 1), crowd(20_000, 1, 2)), 15_000, 36_000, 2);
    Detection d =
        late.score(Method.FEDERATED, 0.5, List.of(alarm(9_990, 0, 1), alarm(19_990, 1, 2)));
    assertThat(d.events()).isEqualTo(1);
    assertThat(d.alarms()).isEqualTo(1);
    assertThat(d.recall()).isEqualTo(1);
  }
}
