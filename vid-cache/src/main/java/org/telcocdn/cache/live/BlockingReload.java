package org.telcocdn.cache.live;

import java.util.List;
import java.util.Map;

/**
 * A media playlist request's delivery directives (RFC 8216bis section 6.2.5): {@code _HLS_msn} and
 * {@code _HLS_part} (a blocking reload, section 6.2.5.2), or neither (msn -1: the playlist as it
 * stands), and {@code _HLS_skip} (a Playlist Delta Update, section 6.2.5.1). {@code _HLS_part}
 * without {@code _HLS_msn}, a value that is not a non-negative decimal integer, an {@code
 * _HLS_skip} other than {@code YES} or {@code v2}, or a directive given twice is an {@link
 * IllegalArgumentException} (400).
 */
public record BlockingReload(long msn, int part, Skip skip) {
  public static final BlockingReload NONE = new BlockingReload(-1, -1, Skip.NO);

  /** What {@code _HLS_skip} asks for. */
  public enum Skip {
    /** No directive: the whole playlist. */
    NO,
    /** {@code YES}: older segments skipped. */
    YES,
    /**
     * {@code v2}: older segments and date ranges skipped; the playlists have no date ranges, so it
     * is YES with an empty {@code RECENTLY-REMOVED-DATERANGES} (section 4.4.5.2).
     */
    V2
  }

  public BlockingReload(long msn, int part) {
    this(msn, part, Skip.NO);
  }

  public boolean blocking() {
    return msn >= 0;
  }

  public static BlockingReload of(Map<String, List<String>> query) {
    String msn = single(query, "_HLS_msn");
    String part = single(query, "_HLS_part");
    Skip skip = skip(single(query, "_HLS_skip"));
    if (msn == null && part != null)
      throw new IllegalArgumentException("_HLS_part without _HLS_msn");
    if (msn == null) return new BlockingReload(-1, -1, skip);
    return new BlockingReload(
        number("_HLS_msn", msn, 15), part == null ? -1 : (int) number("_HLS_part", part, 6), skip);
  }

  private static Skip skip(String value) {
    if (value == null) return Skip.NO;
    return switch (value) {
      case "YES" -> Skip.YES;
      case "v2" -> Skip.V2;
      default -> throw new IllegalArgumentException("_HLS_skip must be YES or v2");
    };
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
