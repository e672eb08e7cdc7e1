package org.telcocdn.controller;

/** What became of one allocation pushed to one edge; a tag of {@code controller_pushes_total}. */
enum PushOutcome {
  /** The edge accepted it (2xx). */
  PUSHED,
  /** The edge answered 4xx: it does not take allocations, or found this one malformed. */
  REFUSED,
  /** The edge could not be reached, timed out or answered 5xx: it keeps its previous plan. */
  UNREACHABLE
}
