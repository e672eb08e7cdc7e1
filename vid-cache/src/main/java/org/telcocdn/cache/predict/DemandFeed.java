package org.telcocdn.cache.predict;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * The hand-over from the event loops to the predictor's one thread: a bounded queue, {@link #offer}
 * never blocks (when it is full the request is dropped from the model's view and counted), so
 * prediction can never slow a viewer or grow with a burst.
 */
public final class DemandFeed {
  private final ArrayBlockingQueue<ViewerRequest> queue;
  private final LongAdder dropped = new LongAdder();
  private final LongAdder offered = new LongAdder();

  public DemandFeed(int capacity) {
    this.queue = new ArrayBlockingQueue<>(capacity);
  }

  /** From an event loop: never blocks. */
  void offer(ViewerRequest request) {
    offered.increment();
    if (!queue.offer(request)) dropped.increment();
  }

  /** From the predictor's thread: the next request, or null. */
  ViewerRequest poll() {
    return queue.poll();
  }

  long dropped() {
    return dropped.sum();
  }

  long offered() {
    return offered.sum();
  }

  int waiting() {
    return queue.size();
  }
}
