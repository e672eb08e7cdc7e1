package org.telcocdn.controller.predict;

import java.util.Locale;

/**
 * What a predicted spike did to a site's allocation, counted in {@code
 * controller_predict_boosts_total{outcome}}: the first two when an alarm arrives, the last three in
 * each allocation round while the boost lasts.
 */
enum BoostOutcome {
  /** An alarm for a title not boosted at its site: boosted from now for {@code boost}. */
  RAISED,
  /** An alarm for a title boosted already: its boost runs {@code boost} from now. */
  EXTENDED,
  /** A round ranked the boosted title, already in the site's demand, first of the site's head. */
  APPLIED,
  /** A round added the boosted title, not yet in the site's demand, first of the site's head. */
  ADDED,
  /** The catalog does not know the title's size: the round could not place it. */
  NO_SIZE;

  String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
