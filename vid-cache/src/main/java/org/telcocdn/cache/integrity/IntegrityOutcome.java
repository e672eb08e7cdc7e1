package org.telcocdn.cache.integrity;

/**
 * What the check of a copy offered by a site peer found ({@code
 * edge_peer_integrity_total{outcome}}). Only {@link #VERIFIED} copies reach a viewer or the disk;
 * the rest go to the origin (a viewer's fill), or are refilled from the origin ({@link #MISMATCH},
 * {@link #SIZE_MISMATCH} for a replica pull) or not pulled (the rest, for a replica pull).
 */
public enum IntegrityOutcome {
  /** The copy's SHA-256 and size are the origin's. */
  VERIFIED,
  /** The copy's SHA-256 is not the origin's: a damaged disk, a bug, or a hostile peer. */
  MISMATCH,
  /** The peer announced or sent a length other than the origin's size for the object. */
  SIZE_MISMATCH,
  /** The origin's manifest could not be had (origin unreachable) or does not name the object. */
  UNVERIFIABLE,
  /**
   * The object is larger than {@code edge.integrity.max-peer-object-bytes}: it is not held whole to
   * be checked.
   */
  TOO_LARGE,
  /** {@code edge.integrity.peer-buffer-bytes} is taken by other copies being checked. */
  BUSY;

  /** A copy that is not what the origin has, as opposed to one that could not be checked. */
  public boolean wrongBytes() {
    return this == MISMATCH || this == SIZE_MISMATCH;
  }
}
