package org.telcocdn.broker;

/** An edge as the broker sees it. Only {@link #UP} edges are on the ring and get new sessions. */
public enum EdgeState {
  /** Heartbeating and accepting sessions. */
  UP,
  /**
   * No heartbeat within {@code broker.heartbeat-timeout}: presumed dead until it heartbeats again.
   */
  DOWN,
  /**
   * Alive but leaving (it said so in its heartbeat): serves its current viewers, gets no new ones.
   */
  DRAINING
}
