package org.telcocdn.accesslog;

import java.util.List;
import java.util.Map;

/**
 * The CTA-5004 Common Media Client Data of one request: the well-formed keys with their values
 * (integers as {@link Long}, decimals as {@link Double}, flags as {@link Boolean}, strings and
 * tokens as {@link String}), and the keys whose values were malformed. A malformed value never
 * fails the request; it is kept here so the log says what the player got wrong.
 */
public record Cmcd(Map<String, Object> values, List<String> malformed) {
  public static final Cmcd NONE = new Cmcd(Map.of(), List.of());

  public Cmcd {
    values = Map.copyOf(values);
    malformed = List.copyOf(malformed);
  }

  public boolean isEmpty() {
    return values.isEmpty() && malformed.isEmpty();
  }

  /** {@code sid}: the playback session. */
  public String sessionId() {
    return string("sid");
  }

  /** {@code cid}: the content id. */
  public String contentId() {
    return string("cid");
  }

  public String string(String key) {
    return values.get(key) instanceof String s ? s : null;
  }

  /** An integer key, or -1 when absent or malformed. */
  public long integer(String key) {
    return values.get(key) instanceof Long l ? l : -1;
  }

  public boolean flag(String key) {
    return Boolean.TRUE.equals(values.get(key));
  }
}
