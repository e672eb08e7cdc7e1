package org.telcocdn.raw.live;

/**
 * One object of a channel as served: its bytes and type. Parts, segments and inits never change.
 */
public record LiveObject(byte[] bytes, String contentType, boolean immutable) {
  static final String PLAYLIST = "application/vnd.apple.mpegurl";
  static final String MP4 = "video/mp4";
  static final String SEGMENT = "video/iso.segment";
}
