package org.telcocdn.metadata;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** The id rule of docs/contracts.md and the generator vid-raw also uses: 12 lower-case hex chars. */
public final class VideoIds {
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private VideoIds() {}

  public static boolean valid(String id) {
    return id != null && ID.matcher(id).matches();
  }

  public static String generate() {
    byte[] bytes = new byte[6];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
