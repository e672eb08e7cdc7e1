package org.telcocdn.metadata;

import com.fasterxml.jackson.annotation.JsonValue;

/** Why the edges must drop a video's cached objects; the wire value of docs/contracts.md. */
public enum InvalidationReason {
  UPDATED("updated"),
  DELETED("deleted");

  private final String wire;

  InvalidationReason(String wire) {
    this.wire = wire;
  }

  @JsonValue
  public String wire() {
    return wire;
  }
}
