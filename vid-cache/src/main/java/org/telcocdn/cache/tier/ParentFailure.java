package org.telcocdn.cache.tier;

/**
 * Why a parent cache did not fill an object ({@code edge_parent_failures_total{parent, reason}}),
 * and whether that opens its circuit: a parent that cannot be reached or is overloaded is skipped
 * for a while; one that answered for this object alone (its own upstream failed) is not.
 */
public enum ParentFailure {
  /** Connection refused or reset, TLS refused: the parent is down or not a parent of ours. */
  UNREACHABLE(true),
  /** No connection within the connect timeout, or no response head within the head timeout. */
  TIMEOUT(true),
  /** 503: the parent has its most fills in flight, or is draining. */
  BUSY(true),
  /** A 5xx other than 503 (its own fill from the origin failed), or an answer we cannot use. */
  UPSTREAM_ERROR(false),
  /** The parent's copy is older than the version this edge knows. */
  STALE(false),
  /** Not tried: its circuit is open after a recent failure. */
  CIRCUIT_OPEN(false);

  private final boolean opensCircuit;

  ParentFailure(boolean opensCircuit) {
    this.opensCircuit = opensCircuit;
  }

  public boolean opensCircuit() {
    return opensCircuit;
  }
}
