package org.telcocdn.predict.eval;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrefetchLedgerTest {
  @Test
  void aPrefetchIsUsedWhenItsEdgeAsksForItWithinTenMinutesElseItIsWaste() {
    PrefetchLedger ledger = new PrefetchLedger(2);
    ledger.placed(0, 1, 0, 100);
    ledger.placed(0, 2, 0, 200);
    ledger.placed(1, 3, 0, 400);
    ledger.requested(1, 1, 10); // another edge: does not use edge 0's copy
    ledger.requested(0, 1, 599);
    ledger.requested(0, 2, 601); // too late
    assertThat(ledger.placedBytes()).isEqualTo(700);
    assertThat(ledger.usedBytes()).isEqualTo(100);
    assertThat(ledger.wastedBytes())
        .as("edge 1's copy is still open at the end: waste too")
        .isEqualTo(600);
  }
}
