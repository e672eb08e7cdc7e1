package org.telcocdn.predict.model;

import java.util.Collection;

/**
 * Weighted federated averaging (McMahan et al., 2017), as the controller runs it each round: the
 * new global weights are the mean of the edges' shared weights weighted by their sample counts, and
 * the version goes up by one. An update counts only if it started from the current version (a stale
 * one would pull the model back: that edge simply takes the new model and sends next round), has
 * samples, the model's size, and finite weights; a round with none keeps model and version. The
 * samples an update may claim are capped, so one edge cannot outweigh every other by its count
 * alone. Local parts never reach this class.
 */
public final class FedAvg {
  /** How a round went: the model after it and what happened to the updates. */
  public record Round(GlobalModel model, int accepted, int stale, int empty, int rejected) {}

  private final long maxSamples;
  private GlobalModel current;

  public FedAvg(GlobalModel initial, long maxSamplesPerUpdate) {
    if (maxSamplesPerUpdate < 1)
      throw new IllegalArgumentException(
          "the sample cap must be positive, was " + maxSamplesPerUpdate);
    this.current = initial;
    this.maxSamples = maxSamplesPerUpdate;
  }

  public GlobalModel current() {
    return current;
  }

  public Round aggregate(Collection<ModelUpdate> updates) {
    int size = current.weights().length;
    double[] sum = new double[size];
    double total = 0;
    int accepted = 0, stale = 0, empty = 0, rejected = 0;
    for (ModelUpdate u : updates) {
      if (u.baseVersion() != current.version()) {
        stale++;
      } else if (u.samples() == 0) {
        empty++;
      } else if (u.weights().length != size || !u.finite()) {
        rejected++;
      } else {
        double n = Math.min(u.samples(), maxSamples);
        float[] w = u.weights();
        for (int i = 0; i < size; i++) sum[i] += n * w[i];
        total += n;
        accepted++;
      }
    }
    if (accepted > 0) {
      float[] mean = new float[size];
      for (int i = 0; i < size; i++) mean[i] = (float) (sum[i] / total);
      current = new GlobalModel(current.version() + 1, mean);
    }
    return new Round(current, accepted, stale, empty, rejected);
  }
}
