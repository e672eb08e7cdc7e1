package org.telcocdn.predict.detect;

/**
 * A score per title and tick, higher meaning a spike is more likely to be starting; an alarm is a
 * score at or above a threshold (chosen per detector, see docs/prediction.md). Called once per tick
 * for each title requested in it, after {@link org.telcocdn.predict.signal.EdgeSignals} folded it.
 */
public interface Detector {
  double score(int slot, long now, float[] features);
}
