package org.telcocdn.predict.detect;

import org.telcocdn.predict.signal.EdgeSignals;

/**
 * Holt's linear method (Holt-Winters without its seasonal term: a title's own daily season cannot
 * be learned from a day of its requests) on a title's 1-minute rate: a level and a trend per tick,
 * smoothed by {@code alpha} and {@code beta}. The score is the rate forecast {@code horizon}
 * seconds ahead over the title's usual rate (an EWMA with a 10-minute time constant, plus 1 request
 * a minute), so a title climbing fast scores before it gets there, and a popular title scores by
 * how far it would rise rather than by its size. Idle ticks between two requests are bridged by the
 * trend.
 */
public final class HoltWinters extends SlotState {
  private static final double USUAL_SECONDS = 600;

  private final double alpha;
  private final double beta;
  private final double horizonTicks;
  private final double usualAlpha;
  private final double[] level;
  private final double[] trend;
  private final double[] usual;

  public HoltWinters(EdgeSignals signals, double alpha, double beta, double horizonSeconds) {
    super(signals);
    this.alpha = alpha;
    this.beta = beta;
    this.horizonTicks = horizonSeconds / EdgeSignals.TICK_SECONDS;
    this.usualAlpha = 1 - Math.exp(-EdgeSignals.TICK_SECONDS / USUAL_SECONDS);
    this.level = new double[signals.capacity()];
    this.trend = new double[signals.capacity()];
    this.usual = new double[signals.capacity()];
  }

  @Override
  public double score(int slot, long now, float[] features) {
    double x = signals.requestsPerMinute1m(slot);
    if (!known(slot)) {
      level[slot] = x;
      trend[slot] = 0;
      usual[slot] = x;
      return 0;
    }
    double gap = Math.max(1, signals.idleTicks(slot));
    double before = level[slot];
    double next = alpha * x + (1 - alpha) * (before + trend[slot] * gap);
    trend[slot] = beta * (next - before) / gap + (1 - beta) * trend[slot];
    level[slot] = next;
    double forecast = Math.max(0, next + trend[slot] * horizonTicks);
    double ratio = forecast / (usual[slot] + 1);
    usual[slot] += (1 - Math.pow(1 - usualAlpha, gap)) * (x - usual[slot]);
    return ratio;
  }
}
