package org.telcocdn.cache.metrics;

import java.time.Duration;

/** Responses started and not yet fully written: what a drain waits for before the edge stops. */
public final class InFlight {
  private int count;

  public synchronized void started() {
    count++;
  }

  public synchronized void ended() {
    count--;
    if (count <= 0) notifyAll();
  }

  public synchronized int count() {
    return count;
  }

  /** Waits until no response is in flight or {@code limit} passes; true if drained. */
  public synchronized boolean awaitZero(Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (count > 0) {
      long left = deadline - System.nanoTime();
      if (left <= 0) return false;
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }
}
