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
  /** Version 9: what {@code EXT-X-SKIP} needs (section 8); LL-HLS tags need at least 6. */
  static final int VERSION = 9;

  /** What one other rendition reports: its playlist and newest part. */
  record Report(String rendition, long lastMsn, int lastPart) {}

  /**
   * The Skip Boundary ({@code CAN-SKIP-UNTIL}) in target durations: six, the least section 4.4.3.8
   * allows, so a delta update lists the newest 12 s of a 2-s ladder and a player that reloads every
   * part (0.33 s) is never near the "no older than half the Skip Boundary" a client must respect
   * (section 6.3.7).
   */
  static final int SKIP_TARGET_DURATIONS = 6;

  /** The whole playlist. */
  static String render(LiveTrack.View v, List<Report> reports) {
    return render(v, reports, false);
  }

  /**
   * The playlist, or ({@code delta}) its Playlist Delta Update (section 6.2.5.1): the segments
   * further from the end of the last segment than the Skip Boundary, with their tags, replaced by
   * {@code EXT-X-SKIP:SKIPPED-SEGMENTS=N} (section 4.4.5.2); every other tag stays, and the media
   * and discontinuity sequences are unchanged. The {@code EXT-X-MAP} in force is repeated before
   * the first segment listed, since the one it was written with may have been skipped.
   */
  static String render(LiveTrack.View v, List<Report> reports, boolean delta) {
    double skipBoundary = SKIP_TARGET_DURATIONS * v.targetDuration();
    int skipped = delta ? skipped(v.segments(), skipBoundary) : 0;
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
        .append(",CAN-SKIP-UNTIL=")
        .append(seconds(skipBoundary))
        .append('\n');
    p.append("#EXT-X-PART-INF:PART-TARGET=").append(seconds(v.partTarget())).append('\n');
    p.append("#EXT-X-INDEPENDENT-SEGMENTS\n");
    if (delta) p.append("#EXT-X-SKIP:SKIPPED-SEGMENTS=").append(skipped).append('\n');
    String map = null;
    for (LiveTrack.SegmentView s : v.segments().subList(skipped, v.segments().size())) {
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

  /**
   * How many leading segments end further from the end of the playlist than the Skip Boundary; the
   * open segment counts with the parts it has.
   */
  static int skipped(List<LiveTrack.SegmentView> segments, double skipBoundary) {
    double fromEnd = 0;
    int keep = 0;
    for (int i = segments.size() - 1; i >= 0; i--) {
      if (fromEnd > skipBoundary) break;
      fromEnd += segments.get(i).duration();
      keep++;
    }
    return segments.size() - keep;
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
