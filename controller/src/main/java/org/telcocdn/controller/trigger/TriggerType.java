package org.telcocdn.controller.trigger;

import java.util.Arrays;
import java.util.Optional;

/** RFC 8007 section 5.2.1: what a trigger asks the CDN to do. */
public enum TriggerType {
  PREPOSITION,
  INVALIDATE,
  PURGE;

  public String json() {
    return name().toLowerCase();
  }

  static Optional<TriggerType> parse(String value) {
    return Arrays.stream(values()).filter(t -> t.json().equals(value)).findFirst();
  }
}
