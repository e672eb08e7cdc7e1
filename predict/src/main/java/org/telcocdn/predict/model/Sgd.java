package org.telcocdn.predict.model;

/**
 * How a {@link SpikeModel} learns from one sample: plain stochastic gradient descent (no per-weight
 * state, so averaging weights across edges means what it says), an L2 pull toward zero, and a
 * weight on positive samples, which are rare (a few in a thousand).
 *
 * @param rate step of the shared part
 * @param localRate step of the edge's own part
 * @param l2 pull of every shared weight toward 0 per step
 * @param localL2 pull of the local part, stronger: it should only correct, not take over
 * @param positiveWeight multiplies the loss of a spike sample
 * @param rateStep step of the log-count regression
 */
public record Sgd(
    double rate,
    double localRate,
    double l2,
    double localL2,
    double positiveWeight,
    double rateStep) {
  public static final Sgd DEFAULT = new Sgd(0.02, 0.005, 1e-5, 1e-3, 1, 0.002);
}
