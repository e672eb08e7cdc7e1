package org.telcocdn.predict.detect;

import org.telcocdn.predict.signal.EdgeSignals;

/**
 * The simplest rule: a title's requests a minute (over about the last minute) reach a fixed level.
 */
public final class StaticThreshold implements Detector {
  private final EdgeSignals signals;

  public StaticThreshold(EdgeSignals signals) {
    this.signals = signals;
  }

  @Override
  public double score(int slot, long now, float[] features) {
    return signals.requestsPerMinute1m(slot);
  }
}
