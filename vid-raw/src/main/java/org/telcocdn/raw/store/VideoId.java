package org.telcocdn.raw.store;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Video ids per docs/contracts.md: created here as 12 hex characters, accepted if they match the pattern. */
public final class VideoId {
  public static final Pattern PATTERN = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private VideoId() {}

  public static String random() {
    byte[] bytes = new byte[6];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  public static boolean isValid(String id) {
    return id != null && PATTERN.matcher(id).matches();
  }
}
