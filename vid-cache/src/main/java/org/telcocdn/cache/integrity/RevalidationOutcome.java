package org.telcocdn.cache.integrity;

/**
 * What the origin said of a title held from before a restart ({@code
 * edge_revalidations_total{outcome}}).
 */
public enum RevalidationOutcome {
  /** Every held object has the origin's size and ETag: served again as it is. */
  CONFIRMED,
  /**
   * Some held objects differ from the origin's or are gone from it: those were dropped, the rest
   * kept.
   */
  CHANGED,
  /** The origin no longer has the title: every held object of it was dropped. */
  GONE,
  /**
   * The origin could not be asked: the held copies are served and the title is asked again later.
   */
  UNREACHABLE
}
