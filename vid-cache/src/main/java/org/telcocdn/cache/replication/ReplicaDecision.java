package org.telcocdn.cache.replication;

/**
 * What an edge did with an announcement or a repair ({@code edge_replica_offers_total{decision}}).
 */
public enum ReplicaDecision {
  /** A background pull from the announcing peer was queued. */
  QUEUED,
  /** This edge already holds the object at that version or newer. */
  HELD,
  /** A pull of the object is already queued or running. */
  IN_FLIGHT,
  /** The announced copy is older than the version this edge knows. */
  STALE,
  /** The pull queue is full: the object is left to the next anti-entropy round. */
  QUEUE_FULL,
  /**
   * The announcer is not an UP edge of this site as far as this edge knows: nothing is pulled,
   * since an address taken from a request would let anyone who reaches the port fill this cache.
   */
  UNKNOWN_PEER
}
