package org.telcocdn.cache.predict;

/**
 * What became of one exchange with the controller, counted in {@code edge_predict_rounds_total}.
 */
enum RoundOutcome {
  /** The update was taken (it may still be counted stale by the round). */
  SENT,
  /** The edge has not taken the controller's model yet: nothing sent. */
  SKIPPED,
  /** A newer global model was taken; the local part kept. */
  ADOPTED,
  /** The controller did not answer, refused, or sent what is not a model. */
  FAILED;

  String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
