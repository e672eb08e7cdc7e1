package org.telcocdn.common.video;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.telcocdn.common.http.ApiException;

/**
 * The video id rule of docs/contracts.md, in one place for every service: lower-case letters,
 * digits and dashes, starting with a letter or digit, at most 64 characters. An id that passes can
 * be a directory name, a hash key, a URL segment and a log field without escaping. vid-raw creates
 * ids as 12 random hex characters.
 */
public final class VideoId {
  public static final Pattern PATTERN = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private VideoId() {}

  /** {@link #PATTERN}, checked by hand: the edge checks an id on every request. */
  public static boolean isValid(String id) {
    if (id == null || id.isEmpty() || id.length() > 64) return false;
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '-' && i > 0);
      if (!ok) return false;
    }
    return true;
  }

  /** A new id: 12 lower-case hex characters (48 random bits). */
  public static String random() {
    byte[] bytes = new byte[6];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** {@code value} if it is a valid id; otherwise a 400 naming {@code field}. */
  public static String require(String field, String value) {
    if (value == null) throw ApiException.badRequest("field " + field + " is required");
    if (!isValid(value)) {
      String shown = value.length() > 80 ? value.substring(0, 80) + "…" : value;
      throw ApiException.badRequest(
          field + " must match " + PATTERN.pattern() + ", was '" + shown + "'");
    }
    return value;
  }
}
