package org.telcocdn.controller.predict;

import java.util.Locale;

/**
 * What the controller did about one edge alarm, counted in {@code
 * controller_predict_actions_total}.
 */
enum SpikeAction {
  /** A preposition trigger for the title's first objects at the alarm's site. */
  PREPOSITIONED,
  /** The title was prepositioned at that site within the cool-down: nothing sent again. */
  COOLDOWN,
  /** The alarm named no objects (the edge had seen no session start yet): nothing to place. */
  NO_PLAN,
  /** The trigger could not be submitted (logged). */
  FAILED;

  String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
