package org.telcocdn.cache.live;

import java.util.List;
import java.util.Map;

/**
 * A media playlist request's delivery directives (RFC 8216bis section 6.2.5.2): {@code _HLS_msn}
 * and {@code _HLS_part}, or neither (msn -1: the playlist as it stands). {@code _HLS_part} without
 * {@code _HLS_msn}, a value that is not a non-negative decimal integer, or one given twice is a
 * {@link IllegalArgumentException} (400).
 */
public record BlockingReload(long msn, int part) {
  public static final BlockingReload NONE = new BlockingReload(-1, -1);

  public boolean blocking() {
    return msn >= 0;
  }

  public static BlockingReload of(Map<String, List<String>> query) {
    String msn = single(query, "_HLS_msn");
    String part = single(query, "_HLS_part");
    if (msn == null && part != null)
      throw new IllegalArgumentException("_HLS_part without _HLS_msn");
    if (msn == null) return NONE;
    return new BlockingReload(
        number("_HLS_msn", msn, 15), part == null ? -1 : (int) number("_HLS_part", part, 6));
  }

  private static String single(Map<String, List<String>> query, String name) {
    List<String> values = query.get(name);
    if (values == null || values.isEmpty()) return null;
    if (values.size() > 1) throw new IllegalArgumentException(name + " given more than once");
    return values.getFirst();
  }

  private static long number(String name, String value, int maxDigits) {
    if (value.isEmpty()
        || value.length() > maxDigits
        || !value.chars().allMatch(Character::isDigit))
      throw new IllegalArgumentException(
          name + " must be a non-negative integer of at most " + maxDigits + " digits");
    return Long.parseLong(value);
  }
}
