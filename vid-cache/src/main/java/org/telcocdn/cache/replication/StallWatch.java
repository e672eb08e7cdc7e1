package org.telcocdn.cache.replication;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Closes a peer's (or a parent cache's) response body when one read has waited longer than the
 * stall limit. The HttpClient's request timeout covers only the headers; a peer that hangs mid-body
 * would otherwise hold the fill, and every viewer joined to it, forever. Time spent waiting for
 * this edge's own disk (between reads) is not counted.
 */
public final class StallWatch {
  private static final ScheduledExecutorService WATCH =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("peer-stall-watch").daemon().factory());
  // nanoTime may be any long, 0 included (a test clock starts there): only MIN_VALUE means "no
  // read"
  private static final long NOT_READING = Long.MIN_VALUE;

  private final InputStream in;
  private final long stallNanos;
  private final LongSupplier nanoTime;
  private final ScheduledFuture<?> task;
  private volatile long readSince = NOT_READING;
  private volatile boolean stalled;

  public StallWatch(InputStream in, long stallMillis) {
    this(in, stallMillis, WATCH, System::nanoTime);
  }

  /** With the scheduler that runs the checks and the clock they read: tests move both by hand. */
  StallWatch(
      InputStream in, long stallMillis, ScheduledExecutorService scheduler, LongSupplier nanoTime) {
    this.in = in;
    this.stallNanos = TimeUnit.MILLISECONDS.toNanos(stallMillis);
    this.nanoTime = nanoTime;
    long period = Math.max(1, stallMillis / 5);
    this.task =
        scheduler.scheduleWithFixedDelay(this::check, period, period, TimeUnit.MILLISECONDS);
  }

  /** A read of the body starts now. */
  public void reading() {
    readSince = nanoTime.getAsLong();
  }

  /** The read returned. */
  public void idle() {
    readSince = NOT_READING;
  }

  /** Whether the body was closed because a read stalled (so the caller's IOException says why). */
  public boolean stalled() {
    return stalled;
  }

  public void stop() {
    task.cancel(false);
  }

  private void check() {
    long since = readSince;
    if (since != NOT_READING && nanoTime.getAsLong() - since > stallNanos) {
      stalled = true;
      try {
        in.close();
      } catch (IOException ignored) {
        // closing is the whole point; a failure to close leaves the read to the socket's own fate
      }
      stop();
    }
  }
}
