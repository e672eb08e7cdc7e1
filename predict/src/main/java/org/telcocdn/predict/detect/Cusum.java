package org.telcocdn.predict.detect;

import org.telcocdn.predict.signal.EdgeSignals;
import org.telcocdn.predict.signal.Surprise;

/**
 * Page's CUSUM on a title's standardised 1-minute rate: {@code S = max(0, S + z - k)}, where {@code
 * z} is the rate's deviation from its EWMA mean in EWMA standard deviations ({@link Surprise}) and
 * {@code k} the reference value (half the shift to detect, in deviations). It sums small excesses
 * that a single z would not flag. Requests come in sessions (one every segment), so raw counts are
 * far from Poisson; standardising by the title's own variability is what keeps a title's single new
 * viewer from looking like a crowd. Idle ticks pull S down by {@code k} each.
 */
public final class Cusum extends SlotState {
  private final double reference;
  private final Surprise surprise;
  private final double[] sum;

  public Cusum(EdgeSignals signals, double reference, double memorySeconds) {
    super(signals);
    if (reference <= 0)
      throw new IllegalArgumentException("the reference value must be positive, was " + reference);
    this.reference = reference;
    this.surprise = new Surprise(signals.capacity(), memorySeconds);
    this.sum = new double[signals.capacity()];
  }

  @Override
  public double score(int slot, long now, float[] features) {
    boolean known = known(slot);
    long gap = known ? Math.max(1, signals.idleTicks(slot)) : 0;
    double z = surprise.next(slot, signals.requestsPerMinute1m(slot), gap);
    double s = known ? Math.max(0, sum[slot] - (gap - 1) * reference) : 0;
    sum[slot] = Math.max(0, s + z - reference);
    return sum[slot];
  }
}
