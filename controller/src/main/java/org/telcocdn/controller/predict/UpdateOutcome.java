package org.telcocdn.controller.predict;

import java.util.Locale;

/**
 * What became of one edge's model update, counted in {@code controller_predict_updates_total}: at
 * the door ({@link #MALFORMED}, {@link #OVERSIZE}, {@link #FORBIDDEN}, {@link #WRONG_SHAPE}), or in
 * its round ({@link #ACCEPTED}, {@link #STALE}, {@link #EMPTY}, {@link #REPLACED}).
 */
enum UpdateOutcome {
  ACCEPTED,
  /** Started from another version than the round's: not averaged; the edge takes the new model. */
  STALE,
  /** No samples since the edge's last update. */
  EMPTY,
  /** A newer update from the same edge came before the round: only the newer one counts. */
  REPLACED,
  MALFORMED,
  OVERSIZE,
  /** Another edge's name than the certificate's. */
  FORBIDDEN,
  /** Another number of weights than the model's, or weights that are not finite numbers. */
  WRONG_SHAPE;

  String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
