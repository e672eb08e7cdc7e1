package org.telcocdn.raw.live;

/**
 * One object of a channel as served: its bytes and type. Parts, segments and inits never change. A
 * part carries the wall-clock time it became available at the origin ({@code availableAtMillis}, 0
 * for other objects): the edge passes it on, so delivery after availability can be measured.
 */
public record LiveObject(
    byte[] bytes, String contentType, boolean immutable, long availableAtMillis) {
  LiveObject(byte[] bytes, String contentType, boolean immutable) {
    this(bytes, contentType, immutable, 0);
  }

  static final String PLAYLIST = "application/vnd.apple.mpegurl";
  static final String MP4 = "video/mp4";
  static final String SEGMENT = "video/iso.segment";
}
