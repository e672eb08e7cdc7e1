package org.telcocdn.raw.live;

import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * Renders a {@link LiveTrack.View} as an LL-HLS media playlist (RFC 8216bis): parts of the newest
 * segments ({@code EXT-X-PART}), the next part as {@code EXT-X-PRELOAD-HINT}, blocking reload
 * announced in {@code EXT-X-SERVER-CONTROL}, a {@code EXT-X-PROGRAM-DATE-TIME} on every segment
 * (what players measure their latency with) and a rendition report per other rendition, so a player
 * switching renditions can ask for the right part at once.
 *
 * <p>Hold-backs follow section 4.4.3.8: {@code PART-HOLD-BACK} at least three part targets (we use
 * exactly three: the lowest latency the spec allows), {@code HOLD-BACK} three target durations.
 */
final class MediaPlaylist {
  /** Version 9: needed for {@code EXT-X-SKIP}'s peers; LL-HLS tags need at least 6 (PART-INF). */
  static final int VERSION = 9;

  /** What one other rendition reports: its playlist and newest part. */
  record Report(String rendition, long lastMsn, int lastPart) {}

  private MediaPlaylist() {}

  static String render(LiveTrack.View v, List<Report> reports) {
    StringBuilder p = new StringBuilder(4096);
    p.append("#EXTM3U\n#EXT-X-VERSION:").append(VERSION).append('\n');
    p.append("#EXT-X-TARGETDURATION:").append(v.targetDuration()).append('\n');
    p.append("#EXT-X-MEDIA-SEQUENCE:").append(v.mediaSequence()).append('\n');
    if (v.discontinuitySequence() > 0)
      p.append("#EXT-X-DISCONTINUITY-SEQUENCE:").append(v.discontinuitySequence()).append('\n');
    p.append("#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,PART-HOLD-BACK=")
        .append(seconds(3 * v.partTarget()))
        .append(",HOLD-BACK=")
        .append(seconds(3.0 * v.targetDuration()))
        .append('\n');
    p.append("#EXT-X-PART-INF:PART-TARGET=").append(seconds(v.partTarget())).append('\n');
    p.append("#EXT-X-INDEPENDENT-SEGMENTS\n");
    String map = null;
    for (LiveTrack.SegmentView s : v.segments()) {
      if (s.discontinuity()) p.append("#EXT-X-DISCONTINUITY\n");
      if (!s.initName().equals(map)) {
        map = s.initName();
        p.append("#EXT-X-MAP:URI=\"").append(map).append("\"\n");
      }
      p.append("#EXT-X-PROGRAM-DATE-TIME:")
          .append(
              DateTimeFormatter.ISO_INSTANT.format(
                  s.programDateTime().truncatedTo(ChronoUnit.MILLIS)))
          .append('\n');
      for (LiveTrack.PartView part : s.parts()) {
        p.append("#EXT-X-PART:DURATION=")
            .append(seconds(part.duration()))
            .append(",URI=\"")
            .append(partName(s.msn(), part.index()))
            .append('"');
        if (part.independent()) p.append(",INDEPENDENT=YES");
        p.append('\n');
      }
      if (s.complete()) {
        p.append("#EXTINF:").append(seconds(s.duration())).append(",\n");
        p.append(segmentName(s.msn())).append('\n');
      }
    }
    p.append("#EXT-X-PRELOAD-HINT:TYPE=PART,URI=\"")
        .append(partName(v.hintMsn(), v.hintPart()))
        .append("\"\n");
    for (Report r : reports) {
      if (r.lastMsn() < 0) continue;
      p.append("#EXT-X-RENDITION-REPORT:URI=\"../")
          .append(r.rendition())
          .append("/playlist.m3u8\",LAST-MSN=")
          .append(r.lastMsn())
          .append(",LAST-PART=")
          .append(r.lastPart())
          .append('\n');
    }
    return p.toString();
  }

  static String partName(long msn, int index) {
    return "part_" + msn + "_" + index + ".m4s";
  }

  static String segmentName(long msn) {
    return "seg_" + msn + ".m4s";
  }

  private static String seconds(double s) {
    return String.format(Locale.ROOT, "%.5f", s);
  }
}
