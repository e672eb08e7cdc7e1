package org.telcocdn.raw.store;

import java.util.Locale;
import java.util.Map;

/**
 * Media types of the objects a video holds (RFC 8216 for playlists, RFC 8118-style CMAF segments).
 */
final class ContentTypes {
  private static final Map<String, String> BY_EXTENSION =
      Map.of(
          "m3u8", "application/vnd.apple.mpegurl",
          "m4s", "video/iso.segment",
          "mp4", "video/mp4",
          "jpg", "image/jpeg",
          "mpd", "application/dash+xml");

  private ContentTypes() {}

  static String of(String path) {
    int dot = path.lastIndexOf('.');
    String extension = dot < 0 ? "" : path.substring(dot + 1).toLowerCase(Locale.ROOT);
    return BY_EXTENSION.getOrDefault(extension, "application/octet-stream");
  }
}
