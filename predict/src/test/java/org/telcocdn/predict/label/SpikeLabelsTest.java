package org.telcocdn.predict.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.telcocdn.predict.signal.EdgeSignals;

class SpikeLabelsTest {
  private record Sample(boolean spike, double logRequests, double weight) {}

  private final List<Sample> learned = new ArrayList<>();
  private SpikeLabels labels;
  private final EdgeSignals signals =
      new EdgeSignals(16, (slot, title, now, x) -> labels.observe(slot, now, x));

  SpikeLabelsTest() {
    labelBy(SpikeLabels.Rule.DEFAULT);
  }

  private void labelBy(SpikeLabels.Rule rule) {
    labels =
        new SpikeLabels(
            rule,
            signals,
            1_000,
            (x, spike, logRequests, weight) -> learned.add(new Sample(spike, logRequests, weight)));
  }

  private void at(long t) {
    signals.advanceTo(t);
    labels.mature(t);
  }

  @Test
  void underTheLevelRuleSamplesBeforeACrowdAreLabelledSpikeOnceTheHorizonHasPassed() {
    labelBy(SpikeLabels.Rule.LEVEL);
    for (long t = 0; t < 600; t += 30) {
      at(t);
      signals.request(t, 5, 0);
    }
    for (long t = 600; t < 720; t++) {
      at(t);
      for (int k = 0; k < 2; k++) signals.request(t, 5, 0); // 120 new sessions a minute
    }
    at(2000);
    List<Sample> before =
        learned.subList(0, 12); // sampled at 5, 35, ... 335 s: their horizons end before 600 s
    assertThat(learned).isNotEmpty();
    assertThat(before)
        .extracting(Sample::spike)
        .as("more than a horizon before the crowd")
        .containsOnly(false);
    assertThat(learned).extracting(Sample::spike).contains(true);
  }

  @Test
  void underTheLevelRuleATitleAlreadyAtItsSpikeLevelIsNoLongerASpikeToPredict() {
    labelBy(SpikeLabels.Rule.LEVEL);
    for (long t = 0; t < 1200; t++) {
      at(t);
      for (int k = 0; k < 2; k++) signals.request(t, 5, 0);
    }
    at(2000);
    assertThat(learned.subList(learned.size() / 2, learned.size()))
        .extracting(Sample::spike)
        .containsOnly(false);
  }

  @Test
  void oneViewerPlayingIsNotASpike() {
    for (long t = 0; t < 1200; t += 4) {
      at(t);
      signals.request(t, 5, (int) (t / 4));
    }
    at(2000);
    assertThat(learned).isNotEmpty().extracting(Sample::spike).containsOnly(false);
  }

  @Test
  void theOnsetRuleLabelsOnlySamplesUpToFiveMinutesBeforeTheCrowdReachesHalfItsPeak() {
    for (long t = 0; t < 1200; t += 30) {
      at(t);
      signals.request(t, 5, 0);
    }
    for (long t = 1200; t < 1800; t++) {
      at(t);
      for (int k = 0; k < 2; k++)
        signals.request(t, 5, 0); // 120 new sessions a minute from 1,200 s
    }
    at(3000);
    // samples every 30 s from 5 s; the 1-minute rate reaches half of 120 about 40 s after 1,200 s
    assertThat(learned.subList(0, 28))
        .as("more than 5 minutes (and the lag) before")
        .extracting(Sample::spike)
        .containsOnly(false);
    assertThat(learned.subList(32, 40))
        .as("the last minutes before")
        .extracting(Sample::spike)
        .containsOnly(true);
    assertThat(learned.subList(60, learned.size()))
        .as("the crowd already there")
        .extracting(Sample::spike)
        .containsOnly(false);
  }

  @Test
  void aRuleNeedsAHorizonARatioAboveOneAndPositiveFloors() {
    assertThatThrownBy(() -> new SpikeLabels.Rule(5, 600, 5, 4, 150))
        .hasMessageContaining("horizon");
    assertThatThrownBy(() -> new SpikeLabels.Rule(180, 600, 1, 4, 150))
        .hasMessageContaining("ratio");
    assertThatThrownBy(() -> new SpikeLabels.Rule(180, 600, 5, 0, 150))
        .hasMessageContaining("floors");
    assertThatThrownBy(() -> new SpikeLabels.Rule(300, 300, 5, 4, 150))
        .hasMessageContaining("peak");
  }
}
