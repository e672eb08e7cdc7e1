package org.telcocdn.raw.live;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.telcocdn.raw.media.Rung;

/**
 * One live channel: its encoder, one {@link LiveTrack} per rung, and the objects a player asks for
 * by path: {@code master.m3u8}, {@code {rendition}/playlist.m3u8}, {@code {rendition}/init.mp4}
 * (then {@code init_N.mp4} after the N-th encoder restart), {@code {rendition}/seg_{msn}.m4s},
 * {@code {rendition}/part_{msn}_{index}.m4s}. Waits (a blocking reload, the hinted part) are
 * bounded by three target durations, as RFC 8216bis section 6.2.5.2 asks of blocking reloads.
 */
public final class LiveChannel implements AutoCloseable {
  private static final Pattern OBJECT =
      Pattern.compile(
          "([a-z0-9]+)/(init(?:_[0-9]{1,6})?\\.mp4|seg_([0-9]{1,15})\\.m4s|part_([0-9]{1,15})_([0-9]{1,4})\\.m4s|playlist\\.m3u8)");

  /** What the API lists of a channel. */
  public record Info(
      String id,
      String name,
      String source,
      Instant startedAt,
      List<String> renditions,
      long lastMsn,
      int restarts) {}

  /** The object is not and will not be there (404). */
  public static final class NotFound extends RuntimeException {
    public NotFound(String message) {
      super(message, null, false, false);
    }
  }

  private final String id;
  private final String name;
  private final String source;
  private final Instant startedAt = Instant.now();
  private final List<Rung> rungs;
  private final Map<String, LiveTrack> tracks = new LinkedHashMap<>();
  private final int segmentSeconds;
  private final double partTarget;
  private LiveEncoder encoder;

  LiveChannel(
      String id,
      String name,
      String source,
      List<Rung> rungs,
      int segmentSeconds,
      int partMillis,
      int windowSeconds) {
    this.id = id;
    this.name = name;
    this.source = source;
    this.rungs = List.copyOf(rungs);
    this.segmentSeconds = segmentSeconds;
    this.partTarget = partMillis / 1000.0;
    for (Rung r : rungs)
      tracks.put(
          r.name(), new LiveTrack(r.name(), segmentSeconds, partTarget, windowSeconds, 1000));
  }

  void start(EncoderCommand command, Path dir) throws IOException {
    encoder = new LiveEncoder(id, command, List.copyOf(tracks.values()), dir).start();
  }

  public String id() {
    return id;
  }

  public String name() {
    return name;
  }

  public List<Rung> rungs() {
    return rungs;
  }

  public Info info() {
    LiveTrack first = tracks.values().iterator().next();
    return new Info(
        id,
        name,
        source,
        startedAt,
        List.copyOf(tracks.keySet()),
        first.view().lastMsn(),
        encoder == null ? 0 : encoder.restarts());
  }

  /** Every rendition has its first part: the channel is playable. */
  boolean playable() {
    return tracks.values().stream().allMatch(t -> t.view().lastMsn() >= 0);
  }

  /** Holds for the longest a blocking request may wait. */
  public Duration hold() {
    return Duration.ofSeconds(3L * segmentSeconds);
  }

  public String master() {
    StringBuilder m =
        new StringBuilder(
            "#EXTM3U\n#EXT-X-VERSION:" + MediaPlaylist.VERSION + "\n#EXT-X-INDEPENDENT-SEGMENTS\n");
    for (Rung r : rungs) {
      m.append(
          String.format(
              Locale.ROOT,
              "#EXT-X-STREAM-INF:BANDWIDTH=%d,RESOLUTION=%dx%d,CODECS=\"%s\",FRAME-RATE=%d.000\n%s/playlist.m3u8\n",
              (r.videoKbps() + 96) * 1100L,
              r.width(),
              r.height(),
              codecs(r.name()),
              EncoderCommand.FRAME_RATE,
              r.name()));
    }
    return m.toString();
  }

  /** The rendition's RFC 6381 codecs, as its current init segment says. */
  public String codecs(String rendition) {
    return Codecs.avc(track(rendition).currentInit()) + ",mp4a.40.2";
  }

  LiveTrack track(String rendition) {
    LiveTrack t = tracks.get(rendition);
    if (t == null) throw new NotFound("channel " + id + " has no rendition " + rendition);
    return t;
  }

  /** The playlist as it stands. */
  public LivePlaylist playlist(String rendition) {
    LiveTrack.View view = track(rendition).view();
    List<MediaPlaylist.Report> reports = new ArrayList<>();
    for (LiveTrack other : tracks.values()) {
      if (other.rendition().equals(rendition)) continue;
      LiveTrack.View v = other.view();
      reports.add(new MediaPlaylist.Report(v.rendition(), v.lastMsn(), v.lastPart()));
    }
    return new LivePlaylist(
        MediaPlaylist.render(view, reports, false),
        MediaPlaylist.render(view, reports, true),
        view.lastMsn(),
        view.lastPart(),
        view.lastCompleteMsn(),
        segmentSeconds * 1000,
        (int) Math.round(partTarget * 1000));
  }

  /**
   * The playlist once it lists part {@code part} of segment {@code msn} (part -1: the whole
   * segment). Fails with {@link IllegalArgumentException} for a segment more than two ahead, {@link
   * NotFound}, or a {@link java.util.concurrent.TimeoutException} after {@link #hold()}; null when
   * too many requests wait already.
   */
  public CompletableFuture<LivePlaylist> playlist(String rendition, long msn, int part) {
    LiveTrack track = track(rendition);
    if (msn < 0 || part < -1)
      throw new IllegalArgumentException("msn and part must not be negative");
    if (!track.reachable(msn))
      throw new IllegalArgumentException(
          "_HLS_msn=" + msn + " is more than two segments beyond the last of " + rendition);
    CompletableFuture<Void> listed = track.whenListed(msn, part);
    if (listed == null) return null;
    return listed
        .orTimeout(hold().toMillis(), TimeUnit.MILLISECONDS)
        .thenApply(ignored -> playlist(rendition));
  }

  /** An object by path; the hinted part completes when it does. */
  public CompletableFuture<LiveObject> object(String path) {
    if (path.equals("master.m3u8"))
      return CompletableFuture.completedFuture(
          new LiveObject(
              master().getBytes(java.nio.charset.StandardCharsets.UTF_8),
              LiveObject.PLAYLIST,
              false));
    Matcher m = OBJECT.matcher(path);
    if (!m.matches()) throw new NotFound("no object " + path + " in channel " + id);
    LiveTrack track = track(m.group(1));
    String name = m.group(2);
    if (name.equals("playlist.m3u8"))
      return CompletableFuture.completedFuture(
          new LiveObject(
              playlist(m.group(1)).text().getBytes(java.nio.charset.StandardCharsets.UTF_8),
              LiveObject.PLAYLIST,
              false));
    if (name.startsWith("init")) {
      byte[] init = track.init(name);
      if (init == null) throw new NotFound("no " + path + " in channel " + id);
      return CompletableFuture.completedFuture(new LiveObject(init, LiveObject.MP4, true));
    }
    if (m.group(3) != null) {
      byte[] seg =
          track
              .segment(Long.parseLong(m.group(3)))
              .orElseThrow(() -> new NotFound("no complete segment " + path + " in channel " + id));
      return CompletableFuture.completedFuture(new LiveObject(seg, LiveObject.SEGMENT, true));
    }
    CompletableFuture<LiveTrack.Part> part =
        track.part(Long.parseLong(m.group(4)), Integer.parseInt(m.group(5)));
    if (part == null) return null;
    return part.orTimeout(hold().toMillis(), TimeUnit.MILLISECONDS)
        .thenApply(p -> new LiveObject(p.bytes(), LiveObject.SEGMENT, true, p.availableAtMillis()));
  }

  @Override
  public void close() {
    if (encoder != null) encoder.close();
    else tracks.values().forEach(LiveTrack::stop);
  }
}
