package org.telcocdn.controller.trigger;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/**
 * RFC 8007 section 5.2.5: a trigger's status. {@code processed} is what this CDN reports when it
 * acted on the whole trigger but not every part succeeded (a site refused for lack of room, a title
 * the catalog does not know): the {@code errors} and the per-site progress say which part.
 */
public enum TriggerStatus {
  PENDING,
  ACTIVE,
  COMPLETE,
  PROCESSED,
  FAILED,
  CANCELLING,
  CANCELLED;

  @JsonValue
  public String json() {
    return name().toLowerCase();
  }

  /** Nothing more will happen to it: kept for the retention period, then forgotten. */
  public boolean finished() {
    return this == COMPLETE || this == PROCESSED || this == FAILED || this == CANCELLED;
  }

  public static Optional<TriggerStatus> parse(String value) {
    return Arrays.stream(values()).filter(s -> s.json().equals(value)).findFirst();
  }
}
