package org.telcocdn.common.http;

/**
 * Where a route's handler runs. Most handlers block (JDBC, gRPC, Raft, a child process) and run on
 * a virtual thread of their own. A handler that only reads memory and never blocks, like the
 * broker's {@code /play} decision, can run on the connection's event loop instead: it saves a
 * thread hand-off each way, which is most of such a request's cost (Armeria's and Vert.x's split of
 * blocking and non-blocking services).
 */
public enum Dispatch {
  /** A new virtual thread per request: the handler may block. */
  VIRTUAL_THREAD,
  /**
   * The event loop that read the request: the handler must not block, not even on a lock held long.
   */
  EVENT_LOOP
}
