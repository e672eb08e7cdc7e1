package org.telcocdn.raw.live;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.telcocdn.raw.ingest.VideoRegistration;
import org.telcocdn.raw.media.Rung;

/**
 * A stopped channel's DVR window written as a video-on-demand title in the store's layout
 * (docs/contracts.md): {@code master.m3u8}, and per rendition {@code init.mp4} ({@code
 * init_1.mp4}... after encoder restarts), {@code seg_NNNNN.m4s} and a {@code playlist.m3u8} of
 * {@code PLAYLIST-TYPE:VOD} closed by {@code EXT-X-ENDLIST}. The segments are the channel's own
 * CMAF segments (the concatenation of their parts), so nothing is encoded again; the master
 * playlist is the channel's, whose codec strings come from the init segments written here.
 */
public final class DvrRecording {
  /** The channel recorded nothing a player could use (no complete segment in some rendition). */
  public static final class Empty extends RuntimeException {
    Empty(String message) {
      super(message, null, false, false);
    }
  }

  private DvrRecording() {}

  /** Writes the recording of {@code channel} into {@code dir}; the answer is its registration. */
  public static VideoRegistration write(LiveChannel channel, String id, Path dir)
      throws IOException {
    double duration = 0;
    for (Rung rung : channel.rungs()) {
      LiveTrack.Recording recording = channel.track(rung.name()).recording();
      if (recording.segments().isEmpty())
        throw new Empty("live " + channel.id() + " holds no complete segment of " + rung.name());
      duration = Math.max(duration, writeRendition(dir.resolve(rung.name()), recording));
    }
    Files.writeString(dir.resolve("master.m3u8"), channel.master());
    return new VideoRegistration(
        id,
        channel.name() + " (recording)",
        List.of("live-recording"),
        "cmaf",
        duration,
        LiveRegistration.of(channel).renditions());
  }

  /** One rendition's files; the answer is its duration in seconds. */
  static double writeRendition(Path dir, LiveTrack.Recording recording) throws IOException {
    Files.createDirectories(dir);
    List<LiveTrack.RecordedSegment> segments = recording.segments();
    Map<String, String> files = initFiles(segments);
    for (Map.Entry<String, String> init : files.entrySet())
      Files.write(dir.resolve(init.getValue()), recording.inits().get(init.getKey()));
    for (int i = 0; i < segments.size(); i++)
      Files.write(dir.resolve(segmentName(i)), segments.get(i).bytes());
    Files.writeString(dir.resolve("playlist.m3u8"), playlist(segments));
    return segments.stream().mapToDouble(LiveTrack.RecordedSegment::duration).sum();
  }

  /**
   * The title's file for each live init name, in the order the segments use them: {@code init.mp4}
   * for the first (the name every title has), {@code init_1.mp4}, {@code init_2.mp4}... for the
   * encoder runs after it, whatever the window's oldest run was called live.
   */
  static Map<String, String> initFiles(List<LiveTrack.RecordedSegment> segments) {
    Map<String, String> files = new LinkedHashMap<>();
    for (LiveTrack.RecordedSegment s : segments) {
      if (files.containsKey(s.initName())) continue;
      files.put(s.initName(), files.isEmpty() ? "init.mp4" : "init_" + files.size() + ".mp4");
    }
    return files;
  }

  /**
   * RFC 8216bis section 4.4.3.5: a VOD playlist, every segment listed, nothing ever added. Where
   * the encoder restarted, the timestamps start again and the init segment is another: {@code
   * EXT-X-DISCONTINUITY} and a new {@code EXT-X-MAP} (sections 4.4.4.3, 4.4.4.5), as the channel's
   * own playlist had them.
   */
  static String playlist(List<LiveTrack.RecordedSegment> segments) {
    double longest =
        segments.stream().mapToDouble(LiveTrack.RecordedSegment::duration).max().orElse(1);
    StringBuilder p = new StringBuilder(64 * (segments.size() + 8));
    p.append("#EXTM3U\n#EXT-X-VERSION:7\n");
    p.append("#EXT-X-TARGETDURATION:").append(Math.round(Math.ceil(longest))).append('\n');
    p.append("#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-PLAYLIST-TYPE:VOD\n#EXT-X-INDEPENDENT-SEGMENTS\n");
    Map<String, String> files = initFiles(segments);
    String map = null;
    for (int i = 0; i < segments.size(); i++) {
      String file = files.get(segments.get(i).initName());
      if (!file.equals(map)) {
        if (map != null) p.append("#EXT-X-DISCONTINUITY\n");
        p.append("#EXT-X-MAP:URI=\"").append(file).append("\"\n");
        map = file;
      }
      p.append(String.format(Locale.ROOT, "#EXTINF:%.5f,\n", segments.get(i).duration()));
      p.append(segmentName(i)).append('\n');
    }
    return p.append("#EXT-X-ENDLIST\n").toString();
  }

  private static String segmentName(int index) {
    return String.format(Locale.ROOT, "seg_%05d.m4s", index);
  }
}
