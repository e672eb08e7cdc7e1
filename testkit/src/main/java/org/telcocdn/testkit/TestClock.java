package org.telcocdn.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock in the test's hands, so that timeouts and orderings are tested without waiting: it stands
 * still until {@link #advance} moves it, or, made with {@link #ticking}, moves forward by a fixed
 * step on every reading (so the order of writes shows in their times). Starts at 2026-11-25T07:00Z.
 */
public final class TestClock extends Clock {
  private static final Instant START = Instant.parse("2026-11-25T07:00:00Z");

  private final AtomicLong millis = new AtomicLong(START.toEpochMilli());
  private final long tickMillis;

  private TestClock(long tickMillis) {
    this.tickMillis = tickMillis;
  }

  /** A clock that moves only when told to. */
  public static TestClock manual() {
    return new TestClock(0);
  }

  /** A clock that moves {@code step} forward after every reading. */
  public static TestClock ticking(Duration step) {
    return new TestClock(step.toMillis());
  }

  public void advance(Duration d) {
    millis.addAndGet(d.toMillis());
  }

  @Override
  public long millis() {
    return millis.getAndAdd(tickMillis);
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
