package org.telcocdn.cli.national;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The replay's time, moved by the replay: the broker's registry and session counts read it. */
final class SimClock extends Clock {
  private long millis;

  void set(double seconds) {
    millis = (long) (seconds * 1000);
  }

  @Override
  public long millis() {
    return millis;
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the replay's clock has no zone");
  }
}
