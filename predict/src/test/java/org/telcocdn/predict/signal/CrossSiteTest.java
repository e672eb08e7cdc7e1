package org.telcocdn.predict.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CrossSiteTest {
  private final CrossSite board = new CrossSite(3, 30);

  @Test
  void aSiteReadsTheOtherSitesRatesOnlyOnceRelayedAndNeverItsOwn() {
    board.relay(0);
    board.report(0, 7, 10, 12);
    assertThat(board.startsElsewhere(1, 7, 10)).isZero();
    board.relay(20);
    assertThat(board.startsElsewhere(1, 7, 20)).as("not a period yet").isZero();
    board.relay(30);
    assertThat(board.startsElsewhere(1, 7, 30)).isEqualTo(12);
    assertThat(board.startsElsewhere(0, 7, 30)).as("its own report").isZero();
    assertThat(board.peakElsewhere(2, 7, 30)).isCloseTo(12, within(0.5));
  }

  @Test
  void aStaleRateIsDroppedWhileThePeakFadesWithItsAge() {
    board.relay(0);
    board.report(0, 7, 0, 20);
    board.report(0, 7, 60, 1);
    board.relay(60);
    assertThat(board.startsElsewhere(1, 7, 60)).as("latest, not highest").isEqualTo(1);
    assertThat(board.peakElsewhere(1, 7, 60)).isGreaterThan(19);
    board.relay(1860);
    assertThat(board.startsElsewhere(1, 7, 1860)).isZero();
    assertThat(board.peakElsewhere(1, 7, 1860))
        .isCloseTo(20 * Math.exp(-1860 / 1800.0), within(0.1));
  }

  @Test
  void fewViewersAreNotReportedAndOldTitlesAreForgotten() {
    board.report(0, 7, 0, CrossSite.REPORT_FLOOR / 2);
    board.report(0, 8, 0, 5);
    assertThat(board.titles()).isEqualTo(1);
    board.relay(4000);
    assertThat(board.titles()).isZero();
    assertThatThrownBy(() -> new CrossSite(0, 30)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void edgeSignalsReportTheirTitlesAndReadTheOthers() {
    CrossSite shared = new CrossSite(2, 5);
    float[][] last = new float[1][];
    EdgeSignals first = new EdgeSignals(8, (slot, title, now, x) -> {}, 0, shared);
    EdgeSignals second =
        new EdgeSignals(8, (slot, title, now, x) -> last[0] = x.clone(), 1, shared);
    for (long t = 0; t < 300; t++) {
      first.request(t, 5, 0);
      second.request(t, 5, 3);
      shared.relay(t);
    }
    second.advanceTo(300);
    assertThat(Math.expm1(last[0][Feature.ELSEWHERE_NOW.ordinal()])).isCloseTo(60, within(6.0));
    assertThat(last[0][Feature.ELSEWHERE_PEAK.ordinal()]).isGreaterThan(3f);
    assertThat(shared.startsElsewhere(0, 5, 300)).as("the second site starts nothing").isZero();
  }
}
