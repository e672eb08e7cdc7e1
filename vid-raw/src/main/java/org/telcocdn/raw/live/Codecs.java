package org.telcocdn.raw.live;

import java.nio.charset.StandardCharsets;

/**
 * The RFC 6381 codec string of the video in an init segment, read from its {@code avcC} box
 * (ISO/IEC 14496-15: profile, compatibility flags, level follow the version byte), so the master
 * playlist names what the encoder really produced. Before the first init: Main profile, level 3.0,
 * what the encoder is told to make.
 */
final class Codecs {
  static final String FALLBACK = "avc1.4d401e";

  private Codecs() {}

  static String avc(byte[] init) {
    if (init == null) return FALLBACK;
    byte[] tag = "avcC".getBytes(StandardCharsets.ISO_8859_1);
    for (int i = 4; i + 8 <= init.length; i++) {
      if (init[i] == tag[0]
          && init[i + 1] == tag[1]
          && init[i + 2] == tag[2]
          && init[i + 3] == tag[3]) {
        return String.format("avc1.%02x%02x%02x", init[i + 5], init[i + 6], init[i + 7]);
      }
    }
    return FALLBACK;
  }
}
