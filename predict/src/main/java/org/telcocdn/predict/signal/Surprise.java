package org.telcocdn.predict.signal;

/**
 * How unusual a value is against its own recent past, per slot: {@code (x - mean) / sd}, with mean
 * and variance as exponentially weighted moving averages (Roberts' EWMA chart), compared before
 * they take the new value in. The variance has the value's Poisson noise ({@code mean}) and 1
 * added, so a title seen twice does not look like a crowd. The smoothing of the ticks between two
 * updates is applied in one step, {@code 1 - (1 - alpha)^gap}. A slot's first value scores 0 and
 * starts it.
 */
public final class Surprise {
  private final double alpha;
  private final double[] mean;
  private final double[] variance;

  /**
   * @param memorySeconds the averages' time constant
   */
  public Surprise(int capacity, double memorySeconds) {
    this.alpha = 1 - Math.exp(-EdgeSignals.TICK_SECONDS / memorySeconds);
    this.mean = new double[capacity];
    this.variance = new double[capacity];
  }

  /**
   * Scores {@code x} for the slot, then takes it in; {@code gapTicks} since the last update, 0 for
   * a new slot.
   */
  public double next(int slot, double x, long gapTicks) {
    if (gapTicks <= 0) {
      mean[slot] = x;
      variance[slot] = 0;
      return 0;
    }
    double m = mean[slot];
    double d = x - m;
    double z = d / Math.sqrt(variance[slot] + m + 1);
    double a = gapTicks == 1 ? alpha : 1 - Math.pow(1 - alpha, gapTicks);
    mean[slot] = m + a * d;
    variance[slot] = (1 - a) * (variance[slot] + a * d * d);
    return z;
  }

  public double mean(int slot) {
    return mean[slot];
  }
}
