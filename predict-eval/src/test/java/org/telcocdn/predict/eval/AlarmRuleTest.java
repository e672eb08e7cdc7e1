package org.telcocdn.predict.eval;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AlarmRuleTest {
  @Test
  void aTitleAlarmsOnceAtASiteUntilTheHoldHasPassed() {
    ScoreTape tape = new ScoreTape();
    tape.add(100, 0, 7, 0.9, 3);
    tape.add(105, 0, 7, 0.95, 3);
    tape.add(105, 1, 7, 0.95, 3);
    tape.add(110, 0, 8, 0.2, 3);
    tape.add(100 + AlarmRule.HOLD_SECONDS, 0, 7, 0.9, 3);
    var alarms = AlarmRule.alarms(tape, Method.FEDERATED, 0.5);
    assertThat(alarms)
        .extracting(Alarm::time, Alarm::site, Alarm::title)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(100L, 0, 7L),
            org.assertj.core.groups.Tuple.tuple(105L, 1, 7L),
            org.assertj.core.groups.Tuple.tuple(100L + AlarmRule.HOLD_SECONDS, 0, 7L));
    assertThat(alarms).allSatisfy(a -> assertThat(a.method()).isEqualTo(Method.FEDERATED));
  }
}
