package org.telcocdn.metadata.store;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves one second forward on every reading, so that write order is visible in times. */
final class TickingClock extends Clock {
  private final AtomicLong millis = new AtomicLong(Instant.parse("2026-11-25T07:00:00Z").toEpochMilli());

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis());
  }

  @Override
  public long millis() {
    return millis.getAndAdd(1_000);
  }
}
