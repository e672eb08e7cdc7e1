package org.telcocdn.predict.model;

/**
 * What an edge sends at the end of a round: its shared weights after training on its own samples,
 * how many samples that was, and the global version it started from. Never a request.
 */
public record ModelUpdate(String edge, long baseVersion, long samples, float[] weights) {
  public ModelUpdate {
    if (edge == null || edge.isBlank())
      throw new IllegalArgumentException("an update names its edge");
    if (samples < 0)
      throw new IllegalArgumentException("samples must be 0 or more, was " + samples);
    weights = weights.clone();
  }

  @Override
  public float[] weights() {
    return weights.clone();
  }

  /** Whether every weight is a finite number. */
  boolean finite() {
    for (float w : weights) if (!Float.isFinite(w)) return false;
    return true;
  }
}
