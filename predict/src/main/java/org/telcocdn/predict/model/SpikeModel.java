package org.telcocdn.predict.model;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The per-edge online model: the probability that a spike starts at a title within the horizon, and
 * the log of the requests it will have in that horizon.
 *
 * <ul>
 *   <li><b>Shared part</b> (what federated averaging averages; {@link #sharedWeights()}): a network
 *       of one hidden layer of {@code hidden} tanh units over the features, giving the logit, and a
 *       linear regression of {@code log(1 + requests in the horizon)} on the features (early
 *       log-counts predict later ones log-linearly, as Szabo and Huberman found for popularity).
 *   <li><b>Local part</b> (never leaves the edge; {@link #localWeights()}): a linear correction of
 *       the logit over the same features, so a site whose tastes differ (more live events, slower
 *       releases) keeps its own answer without pulling the others'.
 * </ul>
 *
 * <p>Inference is {@code hidden × (features + 1)} multiply-adds and one {@code tanh} per unit, on
 * arrays allocated once. Weights start from a seeded draw that every edge and the controller share,
 * so averaging starts from one point (FedAvg's common initialisation).
 */
public final class SpikeModel {
  /** A prior logit of -4 (probability 0.018): spikes are rare until the samples say otherwise. */
  private static final float PRIOR_LOGIT = -4;

  private static final double CLIP = 4;

  private final int inputs;
  private final int hidden;
  private final Sgd sgd;
  private final float[] shared;
  private final float[] local;
  private final float[] activation;
  private final int w2;
  private final int b2;
  private final int rateAt;
  private long samples;

  public SpikeModel(int inputs, int hidden, Sgd sgd, long seed) {
    if (inputs < 1 || hidden < 1)
      throw new IllegalArgumentException(
          "a model needs inputs and hidden units, was " + inputs + ", " + hidden);
    this.inputs = inputs;
    this.hidden = hidden;
    this.sgd = sgd;
    this.w2 = hidden * (inputs + 1);
    this.b2 = w2 + hidden;
    this.rateAt = b2 + 1;
    this.shared = new float[sharedSize(inputs, hidden)];
    this.local = new float[inputs];
    this.activation = new float[hidden];
    SplittableRandom random = new SplittableRandom(seed);
    for (int j = 0; j < hidden; j++) {
      for (int i = 0; i < inputs; i++)
        shared[j * (inputs + 1) + i] = (float) (random.nextGaussian() / Math.sqrt(inputs));
      shared[w2 + j] = (float) (random.nextGaussian() / Math.sqrt(hidden));
    }
    shared[b2] = PRIOR_LOGIT;
  }

  /**
   * Floats of the shared part: the hidden layer with its biases, the output with its bias, the rate
   * regression.
   */
  public static int sharedSize(int inputs, int hidden) {
    return hidden * (inputs + 1) + hidden + 1 + inputs;
  }

  public int inputs() {
    return inputs;
  }

  public int hidden() {
    return hidden;
  }

  /** The probability that a spike starts within the horizon. */
  public double probability(float[] x) {
    return sigmoid(logit(x));
  }

  /** The expected log(1 + requests) of the title over the horizon. */
  public double expectedLogRequests(float[] x) {
    double y = 0;
    for (int i = 0; i < inputs; i++) y += shared[rateAt + i] * x[i];
    return Math.max(0, y);
  }

  private double logit(float[] x) {
    double z = shared[b2];
    for (int j = 0; j < hidden; j++) {
      int row = j * (inputs + 1);
      double a = shared[row + inputs];
      for (int i = 0; i < inputs; i++) a += shared[row + i] * x[i];
      activation[j] = (float) Math.tanh(a);
      z += shared[w2 + j] * activation[j];
    }
    for (int i = 0; i < inputs; i++) z += local[i] * x[i];
    return z;
  }

  /** One SGD step on a labelled sample of importance {@code weight}. */
  public void learn(float[] x, boolean spike, double logRequests, double weight) {
    samples++;
    double p = sigmoid(logit(x));
    double g = clip((p - (spike ? 1 : 0)) * weight * (spike ? sgd.positiveWeight() : 1));
    for (int j = 0; j < hidden; j++) {
      double delta = g * shared[w2 + j] * (1 - activation[j] * activation[j]);
      shared[w2 + j] -= (float) (sgd.rate() * (g * activation[j] + sgd.l2() * shared[w2 + j]));
      int row = j * (inputs + 1);
      for (int i = 0; i < inputs; i++)
        shared[row + i] -= (float) (sgd.rate() * (delta * x[i] + sgd.l2() * shared[row + i]));
      shared[row + inputs] -= (float) (sgd.rate() * delta);
    }
    shared[b2] -= (float) (sgd.rate() * g);
    for (int i = 0; i < inputs; i++)
      local[i] -= (float) (sgd.localRate() * (g * x[i] + sgd.localL2() * local[i]));
    double e = clip((expectedLogRequests(x) - logRequests) * Math.min(weight, CLIP));
    for (int i = 0; i < inputs; i++) shared[rateAt + i] -= (float) (sgd.rateStep() * e * x[i]);
  }

  private static double clip(double g) {
    return Math.max(-CLIP, Math.min(CLIP, g));
  }

  private static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }

  /** Samples learned since the last {@link #takeSamples()}. */
  public long samples() {
    return samples;
  }

  /**
   * The samples learned since the last call, and starts counting again (a round's sample count).
   */
  public long takeSamples() {
    long n = samples;
    samples = 0;
    return n;
  }

  /** A copy of the shared part. */
  public float[] sharedWeights() {
    return Arrays.copyOf(shared, shared.length);
  }

  /** Replaces the shared part (a new global model); the local part is kept. */
  public void adoptShared(float[] weights) {
    if (weights.length != shared.length) {
      throw new IllegalArgumentException(
          "a shared part of "
              + weights.length
              + " floats does not fit a model of "
              + shared.length);
    }
    System.arraycopy(weights, 0, shared, 0, shared.length);
  }

  /** Replaces the local part (the edge's own, kept from an earlier run). */
  public void adoptLocal(float[] weights) {
    if (weights.length != local.length) {
      throw new IllegalArgumentException(
          "a local part of " + weights.length + " floats does not fit a model of " + local.length);
    }
    System.arraycopy(weights, 0, local, 0, local.length);
  }

  /** A copy of the local part. */
  public float[] localWeights() {
    return Arrays.copyOf(local, local.length);
  }
}
