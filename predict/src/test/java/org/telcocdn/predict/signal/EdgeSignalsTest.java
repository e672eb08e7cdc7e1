package org.telcocdn.predict.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EdgeSignalsTest {
  private record Seen(long title, long now, float[] features) {}

  private final List<Seen> seen = new ArrayList<>();
  private final EdgeSignals signals =
      new EdgeSignals(4, (slot, title, now, x) -> seen.add(new Seen(title, now, x.clone())));

  @Test
  void aSteadyRateSettlesAtItsRequestsAndStartsAMinute() {
    for (long t = 0; t < 3600; t++)
      signals.request(t, 7, t % 4 == 0 ? 0 : 5); // 60 requests a minute, 15 of them starts
    signals.advanceTo(3600);
    Seen last = seen.getLast();
    assertThat(last.title()).isEqualTo(7);
    assertThat(last.now()).isEqualTo(3600);
    assertThat(Math.expm1(last.features()[Feature.REQUESTS_1M.ordinal()]))
        .isCloseTo(60, within(3.0));
    assertThat(Math.expm1(last.features()[Feature.STARTS_1M.ordinal()])).isCloseTo(15, within(1.5));
    assertThat(last.features()[Feature.GROWTH_LONG.ordinal()]).isCloseTo(0f, within(0.05f));
    assertThat(last.features()[Feature.YOUNG.ordinal()]).isZero();
    assertThat(last.features()[Feature.START_SHARE.ordinal()]).isCloseTo(0.25f, within(0.03f));
  }

  @Test
  void aCrowdArrivingShowsAsGrowthAndSurprise() {
    for (long t = 0; t < 1800; t += 4) signals.request(t, 7, 3);
    for (long t = 1800; t < 1860; t++) for (int k = 0; k < 5; k++) signals.request(t, 7, 0);
    signals.advanceTo(1860);
    float[] x = seen.getLast().features();
    assertThat(x[Feature.GROWTH_SHORT.ordinal()]).isPositive();
    assertThat(x[Feature.GROWTH_LONG.ordinal()]).isGreaterThan(1f);
    assertThat(x[Feature.SURPRISE.ordinal()]).isGreaterThan(3f);
    assertThat(x[Feature.STARTS_GROWTH_LONG.ordinal()]).isGreaterThan(1f);
  }

  @Test
  void cmcdSignalsAreReadWhenThePlayerSendsThem() {
    for (long t = 0; t < 120; t++)
      signals.request(t, 9, 100, new EdgeSignals.Cmcd(true, t % 2 == 0, 8_000, 1 + t % 5));
    signals.advanceTo(120);
    float[] x = seen.getLast().features();
    assertThat(x[Feature.CMCD_LIVE.ordinal()]).isCloseTo(1f, within(0.01f));
    assertThat(x[Feature.CMCD_STARTUP.ordinal()]).isCloseTo(0.5f, within(0.1f));
    assertThat(x[Feature.CMCD_BUFFER.ordinal()]).isCloseTo(0.8f, within(0.01f));
    assertThat(Math.expm1(x[Feature.SESSIONS.ordinal()])).isCloseTo(5, within(1.0));
  }

  @Test
  void memoryIsBoundedNewTitlesBeyondCapacityAreCountedNotTracked() {
    for (long title = 0; title < 6; title++) signals.request(10, title, 0);
    assertThat(signals.titlesHeld()).isEqualTo(4);
    assertThat(signals.untracked()).isEqualTo(2);
  }

  @Test
  void aTitleIdleForHoursGivesItsSlotBack() {
    for (long title = 0; title < 4; title++) signals.request(0, title, 0);
    signals.request(3 * 3600, 99, 0);
    assertThat(signals.untracked()).isZero();
    assertThat(signals.titlesHeld()).isEqualTo(1);
  }

  @Test
  void onlyTitlesRequestedInATickAreDescribedAtItsEnd() {
    signals.request(1, 1, 0);
    signals.request(2, 2, 0);
    signals.request(7, 1, 1);
    signals.advanceTo(10);
    assertThat(seen).extracting(Seen::title).containsExactly(1L, 2L, 1L);
    assertThat(seen).extracting(Seen::now).containsExactly(5L, 5L, 10L);
  }
}
