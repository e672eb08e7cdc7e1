package org.telcocdn.predict.detect;

import org.telcocdn.predict.signal.EdgeSignals;
import org.telcocdn.predict.signal.Surprise;

/**
 * The EWMA chart on a title's 1-minute request rate: how many standard deviations it stands above
 * its exponentially weighted mean ({@link Surprise}), updated at the ticks the title is requested.
 */
public final class EwmaZScore extends SlotState {
  private final Surprise surprise;

  /**
   * @param memorySeconds the averages' time constant
   */
  public EwmaZScore(EdgeSignals signals, double memorySeconds) {
    super(signals);
    this.surprise = new Surprise(signals.capacity(), memorySeconds);
  }

  @Override
  public double score(int slot, long now, float[] features) {
    long gap = known(slot) ? Math.max(1, signals.idleTicks(slot)) : 0;
    return surprise.next(slot, signals.requestsPerMinute1m(slot), gap);
  }
}
