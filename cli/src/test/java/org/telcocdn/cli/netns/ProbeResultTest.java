package org.telcocdn.cli.netns;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.telcocdn.cli.network.Link;
import org.telcocdn.cli.network.LinkSpec;

class ProbeResultTest {
  private static Link link(double oneWayMs, double lossPct, Double rate) {
    return new Link(
        "a", "b", new LinkSpec(oneWayMs, 0.0, lossPct, rate), 0, "10.201.0.0", "10.201.0.1");
  }

  @Test
  void roundTripToleranceIsTenPercentOrAFloorOfThreeTenthsOfAMillisecond() {
    assertThat(ProbeResult.judge(link(1, 0, null), 2.29, 2.29, null, 0).ok())
        .as("2 ms ± 0.3")
        .isTrue();
    assertThat(ProbeResult.judge(link(1, 0, null), 2.31, 2.0, null, 0).problems())
        .singleElement()
        .asString()
        .startsWith("connect round trip 2.310 ms, spec 2.000 ± 0.300");
    assertThat(ProbeResult.judge(link(20, 0, null), 43.9, 36.1, null, 0).ok())
        .as("40 ms ± 4")
        .isTrue();
    assertThat(ProbeResult.judge(link(20, 0, null), 40, 44.1, null, 0).ok()).isFalse();
  }

  @Test
  void samplesAreSpacedByARoundTripWithTheWorstJitterPlusAMillisecond() {
    Link radio =
        new Link("ran", "edge", new LinkSpec(2.0, 0.3, 0.0, 20.0), 0, "10.201.0.0", "10.201.0.1");
    assertThat(LinkProbe.pauseNanos(radio)).isEqualTo(5_600_000L);
  }

  @Test
  void rateWithinTenPercentAndLossWithinOnePoint() {
    assertThat(ProbeResult.judge(link(1, 5, 100.0), 2, 2, 90.5, 5.9).ok()).isTrue();
    assertThat(ProbeResult.judge(link(1, 5, 100.0), 2, 2, 89.0, 5).problems())
        .singleElement()
        .asString()
        .startsWith("rate 89.000");
    assertThat(ProbeResult.judge(link(1, 5, 100.0), 2, 2, 100.0, 6.2).problems())
        .singleElement()
        .asString()
        .startsWith("loss 6.200");
  }
}
