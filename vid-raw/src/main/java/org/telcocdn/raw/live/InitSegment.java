package org.telcocdn.raw.live;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The stream's {@code ftyp} and {@code moov}, served as {@code init.mp4}, and what reading its
 * fragments needs from it: which track is the video and its timescale, and the sample defaults of
 * {@code trex} (ISO/IEC 14496-12 section 8.8.3) that a fragment may leave out.
 */
record InitSegment(byte[] bytes, int videoTrackId, long videoTimescale, Defaults videoDefaults) {
  /** A track's {@code trex}: used when neither {@code tfhd} nor {@code trun} says otherwise. */
  record Defaults(long sampleDuration, int sampleFlags) {}

  static InitSegment parse(byte[] ftyp, byte[] moov) throws IOException {
    Boxes boxes = Boxes.of(moov);
    int video = -1;
    long timescale = 0;
    for (Boxes.Child trak : boxes.named("trak")) {
      Boxes.Child tkhd = trak.children().first("tkhd");
      Boxes.Child mdia = trak.children().first("mdia");
      if (tkhd == null || mdia == null) continue;
      Boxes.Child hdlr = mdia.children().first("hdlr");
      Boxes.Child mdhd = mdia.children().first("mdhd");
      if (hdlr == null || mdhd == null || !handler(hdlr).equals("vide")) continue;
      video = tkhd.intAt(tkhd.version() == 1 ? 20 : 12);
      timescale = Integer.toUnsignedLong(mdhd.intAt(mdhd.version() == 1 ? 20 : 12));
    }
    if (video < 0 || timescale == 0) throw new IOException("the stream's moov has no video track");
    Defaults defaults = trex(boxes).getOrDefault(video, new Defaults(0, 0));
    byte[] bytes = new byte[ftyp.length + moov.length];
    System.arraycopy(ftyp, 0, bytes, 0, ftyp.length);
    System.arraycopy(moov, 0, bytes, ftyp.length, moov.length);
    return new InitSegment(bytes, video, timescale, defaults);
  }

  private static String handler(Boxes.Child hdlr) {
    byte[] b = hdlr.bytes();
    int at = hdlr.payload() + 8; // version+flags, pre_defined
    return new String(b, at, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  private static Map<Integer, Defaults> trex(Boxes moov) {
    Map<Integer, Defaults> defaults = new HashMap<>();
    Boxes.Child mvex = moov.first("mvex");
    if (mvex == null) return defaults;
    for (Boxes.Child trex : mvex.children().named("trex")) {
      // version+flags, track_ID, default_sample_description_index, duration, size, flags
      defaults.put(
          trex.intAt(4), new Defaults(Integer.toUnsignedLong(trex.intAt(12)), trex.intAt(20)));
    }
    return defaults;
  }
}
