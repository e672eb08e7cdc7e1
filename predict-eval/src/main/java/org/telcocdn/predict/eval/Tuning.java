package org.telcocdn.predict.eval;

import java.util.Comparator;
import java.util.TreeSet;

/**
 * A method's best threshold on a tuning trace: the candidate with the highest event F1, ties to
 * fewer false alarms. Candidates are the method's own recorded scores at about 240 ranks, spaced
 * geometrically from the top (alarms are rare, so the useful thresholds are among the highest
 * scores). Every method is tuned the same way, on the same trace, before it is evaluated on others.
 */
final class Tuning {
  private static final double STEP = 1.06;

  private Tuning() {}

  static Detection best(ScoreTape tape, Method method, EventMatch match) {
    Detection best = match.score(method, Double.MAX_VALUE, java.util.List.of());
    for (double threshold : candidates(tape, method)) {
      Detection d = match.score(method, threshold, AlarmRule.alarms(tape, method, threshold));
      if (BETTER.compare(d, best) > 0) best = d;
    }
    return best;
  }

  private static final Comparator<Detection> BETTER =
      Comparator.comparingDouble(Detection::f1)
          .thenComparing(Comparator.comparingInt(Detection::falseAlarms).reversed());

  static TreeSet<Double> candidates(ScoreTape tape, Method method) {
    float[] sorted = tape.sortedScores();
    TreeSet<Double> values = new TreeSet<>();
    for (double k = 1; k <= sorted.length; k = Math.max(k + 1, k * STEP)) {
      values.add((double) sorted[sorted.length - (int) k]);
    }
    values.add(method.floor());
    return values;
  }
}
