package org.telcocdn.raw.live;

import java.io.IOException;

/**
 * One {@code moof}+{@code mdat} pair: an LL-HLS part. What the packager needs of it comes from the
 * video track's {@code traf}: where it starts ({@code tfdt}), how long it lasts (the sum of its
 * samples' durations in {@code trun}, else {@code tfhd}'s or {@code trex}'s default) and whether it
 * starts with a sync sample (a keyframe: the part is INDEPENDENT and may start a segment).
 */
record Fragment(byte[] bytes, long decodeTime, long duration, long timescale, boolean independent) {
  /** {@code sample_is_non_sync_sample} in the sample flags (ISO/IEC 14496-12 section 8.8.3.1). */
  private static final int NON_SYNC = 0x00010000;

  double startSeconds() {
    return (double) decodeTime / timescale;
  }

  double durationSeconds() {
    return (double) duration / timescale;
  }

  static Fragment parse(byte[] moof, byte[] mdat, InitSegment init) throws IOException {
    for (Boxes.Child traf : Boxes.of(moof).named("traf")) {
      Boxes t = traf.children();
      Boxes.Child tfhd = t.first("tfhd");
      if (tfhd == null || tfhd.intAt(4) != init.videoTrackId()) continue;
      Boxes.Child tfdt = t.first("tfdt");
      Boxes.Child trun = t.first("trun");
      if (tfdt == null || trun == null) throw new IOException("video traf without tfdt or trun");
      long decodeTime =
          tfdt.version() == 1 ? tfdt.longAt(4) : Integer.toUnsignedLong(tfdt.intAt(4));
      Samples samples = samples(tfhd, trun, init.videoDefaults());
      byte[] bytes = new byte[moof.length + mdat.length];
      System.arraycopy(moof, 0, bytes, 0, moof.length);
      System.arraycopy(mdat, 0, bytes, moof.length, mdat.length);
      return new Fragment(
          bytes, decodeTime, samples.duration(), init.videoTimescale(), samples.firstIsSync());
    }
    throw new IOException("a moof without the video track " + init.videoTrackId());
  }

  private record Samples(long duration, boolean firstIsSync) {}

  private static Samples samples(Boxes.Child tfhd, Boxes.Child trun, InitSegment.Defaults trex) {
    int hf = tfhd.flags();
    int at = 8; // version+flags, track_ID
    if ((hf & 0x01) != 0) at += 8; // base_data_offset
    if ((hf & 0x02) != 0) at += 4; // sample_description_index
    long defaultDuration = trex.sampleDuration();
    int defaultFlags = trex.sampleFlags();
    if ((hf & 0x08) != 0) {
      defaultDuration = Integer.toUnsignedLong(tfhd.intAt(at));
      at += 4;
    }
    if ((hf & 0x10) != 0) at += 4; // default_sample_size
    if ((hf & 0x20) != 0) defaultFlags = tfhd.intAt(at);

    int rf = trun.flags();
    int count = trun.intAt(4);
    int p = 8;
    if ((rf & 0x01) != 0) p += 4; // data_offset
    Integer firstFlags = null;
    if ((rf & 0x04) != 0) {
      firstFlags = trun.intAt(p);
      p += 4;
    }
    long duration = 0;
    Integer flagsOfFirst = firstFlags;
    for (int i = 0; i < count; i++) {
      long d = defaultDuration;
      int flags = defaultFlags;
      if ((rf & 0x100) != 0) {
        d = Integer.toUnsignedLong(trun.intAt(p));
        p += 4;
      }
      if ((rf & 0x200) != 0) p += 4; // size
      if ((rf & 0x400) != 0) {
        flags = trun.intAt(p);
        p += 4;
      }
      if ((rf & 0x800) != 0) p += 4; // composition time offset
      if (i == 0 && flagsOfFirst == null) flagsOfFirst = flags;
      duration += d;
    }
    boolean sync = count > 0 && flagsOfFirst != null && (flagsOfFirst & NON_SYNC) == 0;
    return new Samples(duration, sync);
  }
}
