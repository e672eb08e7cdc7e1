package org.telcocdn.controller.trigger;

/** Where one unit of a preposition (one title to one edge) stands. */
public enum UnitState {
  /** A replica's unit, waiting for the site's first copy to be complete (it fills from it). */
  WAITING,
  /** Not (or no longer) running on its edge: pushed at the next tick inside a window. */
  QUEUED,
  RUNNING,
  DONE,
  /** The edge refused it (no room in its budget or allocation): {@code reason} says why. */
  REFUSED,
  FAILED,
  CANCELLED;

  boolean finished() {
    return this == DONE || this == REFUSED || this == FAILED || this == CANCELLED;
  }
}
