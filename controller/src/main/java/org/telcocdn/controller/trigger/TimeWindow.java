package org.telcocdn.controller.trigger;

/** One fill window of {@code CIT.TimePolicy}, in Unix seconds, end exclusive. */
public record TimeWindow(long start, long end) {
  boolean contains(long now) {
    return now >= start && now < end;
  }
}
