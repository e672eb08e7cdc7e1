package org.telcocdn.raw.live;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Feeds one rendition's fragmented MP4 stream into its {@link LiveTrack}: {@code ftyp} and {@code
 * moov} become the init segment, each {@code moof} with the {@code mdat} after it one part. Other
 * top-level boxes ({@code free}, {@code sidx}, {@code prft}) are skipped. A part reaches the track
 * only once its {@code mdat} has been read whole.
 */
final class TrackReader {
  /**
   * Larger than any part or init segment of a sane ladder (a 0.33-s part at 20 Mbit/s is 0.8 MB).
   */
  static final int MAX_BOX_BYTES = 16 << 20;

  private TrackReader() {}

  /**
   * Reads until the stream ends; {@code firstPart} is told the arrival time of the first part (what
   * the encoder's start-up delay is measured with).
   */
  static void read(
      InputStream in, LiveTrack track, Instant mediaTimeZero, Consumer<Instant> firstPart)
      throws IOException {
    BoxStream boxes = new BoxStream(in, MAX_BOX_BYTES);
    byte[] ftyp = null;
    InitSegment init = null;
    byte[] moof = null;
    for (BoxStream.Box box = boxes.next(); box != null; box = boxes.next()) {
      switch (box.type()) {
        case "ftyp" -> ftyp = box.bytes();
        case "moov" -> {
          if (ftyp == null) throw new IOException("moov before ftyp");
          init = InitSegment.parse(ftyp, box.bytes());
          track.start(init, mediaTimeZero);
        }
        case "moof" -> moof = box.bytes();
        case "mdat" -> {
          if (init == null || moof == null) throw new IOException("mdat without init or moof");
          boolean first = firstPart != null;
          track.add(Fragment.parse(moof, box.bytes(), init));
          if (first) {
            firstPart.accept(Instant.now());
            firstPart = null;
          }
          moof = null;
        }
        default -> {} // free, sidx, prft...: nothing a player needs
      }
    }
  }
}
