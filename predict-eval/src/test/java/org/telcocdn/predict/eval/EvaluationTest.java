package org.telcocdn.predict.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.telcocdn.cache.sim.FlashCrowdWorkload;
import org.telcocdn.cache.sim.Trace;
import org.telcocdn.predict.model.ModelStore;

/**
 * The whole replay on a small flash-crowd trace: every method scored on the same crowds, the
 * federation ran. Small on purpose (0.29 M requests, 8 crowds, 6 of them after the warm-up): a
 * crowd's sessions, not the background, make most of a trace's requests, so few crowds keep every
 * replay here to a second.
 */
class EvaluationTest {
  private static final FlashCrowdWorkload.Output SMALL =
      new FlashCrowdWorkload(new FlashCrowdWorkload.Settings(3, 300, 50_000, 0.9, 2, 1, 4, 2))
          .generate();

  @Test
  void everyMethodIsScoredOnTheSameCrowdsAfterTheWarmUp() {
    Evaluation.Outcome o =
        new Evaluation(ReplaySettings.defaults(), 0.25)
            .evaluate(SMALL.trace(), SMALL.labels(), Thresholds.defaults());
    assertThat(o.detections()).containsOnlyKeys(EnumSet.allOf(Method.class));
    assertThat(o.detections().values())
        .extracting(Detection::events)
        .containsOnly(o.detections().get(Method.EWMA_Z).events());
    assertThat(o.detections().get(Method.EWMA_Z).events()).isPositive();
    assertThat(o.tapes().rounds()).isPositive();
    assertThat(o.tapes().samples()).isPositive();
    assertThat(o.scoredFrom()).isGreaterThan(o.tapes().start());
    assertThat(o.allAlarms()).isSortedAccordingTo(java.util.Comparator.comparingLong(Alarm::time));
  }

  @Test
  void theReplayIsDeterministic() {
    Evaluation e =
        new Evaluation(
            ReplaySettings.defaults().withMethods(EnumSet.of(Method.FEDERATED, Method.CUSUM)),
            0.25);
    var a = e.evaluate(SMALL.trace(), SMALL.labels(), Thresholds.defaults());
    var b = e.evaluate(SMALL.trace(), SMALL.labels(), Thresholds.defaults());
    assertThat(a.allAlarms()).isEqualTo(b.allAlarms());
  }

  @Test
  void tuningPicksAThresholdAtLeastAsGoodAsTheDefaultOnTheTuningTrace() {
    Evaluation e =
        new Evaluation(ReplaySettings.defaults().withMethods(EnumSet.of(Method.EWMA_Z)), 0.25);
    Thresholds tuned = e.tune(SMALL.trace(), SMALL.labels());
    double f1Tuned =
        e.evaluate(SMALL.trace(), SMALL.labels(), tuned).detections().get(Method.EWMA_Z).f1();
    double f1Default =
        e.evaluate(SMALL.trace(), SMALL.labels(), Thresholds.defaults())
            .detections()
            .get(Method.EWMA_Z)
            .f1();
    assertThat(f1Tuned).isGreaterThanOrEqualTo(f1Default);
  }

  @Test
  void tuningLeavesEveryModelAndTheNextReplayStartsFromThem() {
    ReplaySettings settings =
        ReplaySettings.defaults()
            .withMethods(EnumSet.of(Method.FEDERATED, Method.LOCAL_ONLY, Method.CENTRALISED));
    Evaluation.Tuned day =
        new Evaluation(settings, 0.25).tune(SMALL.trace(), SMALL.labels(), new ModelStore());
    assertThat(day.models().entries())
        .containsKeys(
            "federated.global",
            "federated.local.e0",
            "centralised.shared",
            "centralised.local",
            "local-only.shared.e3",
            "local-only.local.e3");
    Trace nothingToLearn =
        new Trace.Builder()
            .add(0, SMALL.trace().id(0), SMALL.trace().size(0), 1)
            .build(); // two sites, one request
    ModelStore fresh = new Replay(settings).run(nothingToLearn).models();
    assertThat(day.models().get("federated.global")).isNotEqualTo(fresh.get("federated.global"));
    ModelStore kept = new Replay(settings, day.models()).run(nothingToLearn).models();
    for (String name : day.models().entries().keySet())
      assertThat(kept.get(name)).as(name).isEqualTo(day.models().get(name));
  }
}
