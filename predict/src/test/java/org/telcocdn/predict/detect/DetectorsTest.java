package org.telcocdn.predict.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.telcocdn.predict.signal.EdgeSignals;

/**
 * Each simple detector scores a title whose requests jump far above where it scored it while calm
 * (once warmed up).
 */
class DetectorsTest {
  private enum Kind {
    STATIC,
    EWMA,
    HOLT,
    CUSUM
  }

  private final Map<Kind, Double> calm = new EnumMap<>(Kind.class);
  private final Map<Kind, Double> jump = new EnumMap<>(Kind.class);
  private final Map<Kind, Detector> detectors = new EnumMap<>(Kind.class);
  private boolean warm;
  private boolean jumping;
  private final EdgeSignals signals =
      new EdgeSignals(
          8,
          (slot, title, now, x) -> {
            for (var d : detectors.entrySet()) {
              double score = d.getValue().score(slot, now, x);
              if (warm) (jumping ? jump : calm).merge(d.getKey(), score, Math::max);
            }
          });

  @Test
  void everyDetectorScoresAJumpAboveTheCalmBeforeIt() {
    detectors.put(Kind.STATIC, new StaticThreshold(signals));
    detectors.put(Kind.EWMA, new EwmaZScore(signals, 600));
    detectors.put(Kind.HOLT, new HoltWinters(signals, 0.3, 0.1, 120));
    detectors.put(Kind.CUSUM, new Cusum(signals, 0.5, 600));
    for (long t = 0; t < 7200; t += 2) {
      warm = t >= 5400; // the windows fill over the first minutes, which every detector sees as
      // growth (CUSUM takes 25 min to forget it)
      signals.request(t, 1, 4);
    }
    signals.advanceTo(7200);
    jumping = true;
    for (long t = 7200; t < 7260; t++) for (int k = 0; k < 10; k++) signals.request(t, 1, 0);
    signals.advanceTo(7260);
    for (Kind k : Kind.values())
      assertThat(jump.get(k)).as(k.name()).isGreaterThan(2 * Math.max(calm.get(k), 0.5));
  }
}
