package org.telcocdn.common.video;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A live channel's id: a video id ({@link VideoId}) starting with {@value #PREFIX}, so a channel
 * travels every path a title does (the catalog, the broker's {@code /play/{id}}, signed URLs, the
 * edge's {@code /videos/{id}/...}) while edges and the origin tell it apart from a stored title by
 * its name alone, on the data path, with no lookup. Titles' ids are 12 hex characters and never
 * start with it.
 */
public final class LiveChannelId {
  public static final String PREFIX = "live-";
  private static final SecureRandom RANDOM = new SecureRandom();

  private LiveChannelId() {}

  public static boolean isLive(String id) {
    return id != null && id.startsWith(PREFIX) && VideoId.isValid(id);
  }

  /** A new id: the prefix and 12 random hex characters. */
  public static String next() {
    byte[] bytes = new byte[6];
    RANDOM.nextBytes(bytes);
    return PREFIX + HexFormat.of().formatHex(bytes);
  }
}
