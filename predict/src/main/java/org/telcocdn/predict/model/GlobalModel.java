package org.telcocdn.predict.model;

/**
 * The controller's model after a round: its version (0 is the common starting point) and the shared
 * weights.
 */
public record GlobalModel(long version, float[] weights) {
  public GlobalModel {
    if (version < 0)
      throw new IllegalArgumentException("a model version is 0 or more, was " + version);
    weights = weights.clone();
  }

  @Override
  public float[] weights() {
    return weights.clone();
  }
}
