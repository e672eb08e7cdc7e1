package org.telcocdn.analytics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who watches which live channel now, and how far behind the live edge they play (docs/live.md,
 * "Live analytics"). A viewer is a CMCD session seen on a channel: an edge record with {@code
 * st=l}, or a player's {@code latency} beacon, which also carries its distance from the live edge.
 * A channel's latency is the median and p95 over its viewers' newest samples, one per viewer, so a
 * player that reports more often does not weigh more.
 *
 * <p>Memory is bounded whatever clients send: at most {@link #MAX_CHANNELS} channels (the one
 * active longest ago goes first) and {@link #MAX_VIEWERS} viewers in all (the oldest viewer of the
 * channel active longest ago goes first), about 160 bytes each (a 36-character sid, the map entry,
 * the record): some 30 MB at the cap. Viewers not seen for {@link #RETAIN_MILLIS} are dropped as
 * their channel's newer records arrive. Public fields: the snapshot saves it with the rest of
 * {@link AnalyticsState}.
 */
public final class LiveAudience {
  /** origin.live.max-channels is 4 per origin; a few hundred origins' worth of channels. */
  static final int MAX_CHANNELS = 1_000;

  /**
   * Twice analytics.max-sessions' default: every session a viewer of a live channel at once, and as
   * many again whose sessions were already dropped there.
   */
  static final int MAX_VIEWERS = 200_000;

  /** The longest window {@code GET /api/live} accepts: older viewers can never count. */
  static final long RETAIN_MILLIS = 10 * 60_000L;

  /** Per channel, viewers in the order they were last seen (oldest first). */
  public Map<String, LinkedHashMap<String, Viewer>> channels = new LinkedHashMap<>();

  /** Viewers over all channels; -1 until counted (after a snapshot is loaded). */
  private int viewerCount = -1;

  /**
   * One viewer's newest activity and latency sample.
   *
   * @param seen epoch ms of the newest record or beacon
   * @param latencyMs the newest distance from the live edge the player reported, -1 if none
   * @param latencyAt epoch ms of that sample
   */
  public record Viewer(long seen, long latencyMs, long latencyAt) {}

  /**
   * One channel over a window.
   *
   * @param viewers sessions seen within the window
   * @param latencyViewers those of them that reported a latency within the window
   * @param latencyP50Millis median of those viewers' newest latency, null without one
   */
  public record ChannelView(
      String channel,
      int viewers,
      int latencyViewers,
      Long latencyP50Millis,
      Long latencyP95Millis,
      long lastSeen) {}

  /** A session's request to a channel at {@code time} (an edge record with CMCD {@code st=l}). */
  void seen(String channel, String sid, long time) {
    Map<String, Viewer> viewers = channel(channel);
    Viewer old = viewers.get(sid);
    long latency = old == null ? -1 : old.latencyMs();
    long latencyAt = old == null ? 0 : old.latencyAt();
    put(viewers, sid, new Viewer(Math.max(time, old == null ? 0 : old.seen()), latency, latencyAt));
  }

  /** A player's latency beacon: it saw the channel at {@code time}, {@code latencyMs} behind. */
  void latency(String channel, String sid, long time, long latencyMs) {
    Map<String, Viewer> viewers = channel(channel);
    Viewer old = viewers.get(sid);
    long seen = Math.max(time, old == null ? 0 : old.seen());
    boolean newer = old == null || time >= old.latencyAt();
    put(
        viewers,
        sid,
        newer
            ? new Viewer(seen, latencyMs, time)
            : new Viewer(seen, old.latencyMs(), old.latencyAt()));
  }

  /**
   * {@code viewer} as the newest of its channel (removed first: a map keeps the order of first
   * insertion), then the channel's viewers gone for {@link #RETAIN_MILLIS}, then, over {@link
   * #MAX_VIEWERS}, the oldest.
   */
  private void put(Map<String, Viewer> viewers, String sid, Viewer viewer) {
    int total = count();
    int before = viewers.size();
    viewers.remove(sid);
    viewers.put(sid, viewer);
    Iterator<Viewer> oldest = viewers.values().iterator();
    while (oldest.hasNext() && oldest.next().seen() < viewer.seen() - RETAIN_MILLIS) {
      oldest.remove();
    }
    viewerCount = total + viewers.size() - before;
    while (viewerCount > MAX_VIEWERS) dropOldestViewer();
  }

  private int count() {
    if (viewerCount < 0) viewerCount = channels.values().stream().mapToInt(Map::size).sum();
    return viewerCount;
  }

  /** From the channel active longest ago, its viewer seen longest ago. */
  private void dropOldestViewer() {
    Iterator<LinkedHashMap<String, Viewer>> channel = channels.values().iterator();
    Map<String, Viewer> viewers = channel.next();
    Iterator<Viewer> oldest = viewers.values().iterator();
    if (oldest.hasNext()) {
      oldest.next();
      oldest.remove();
      viewerCount--;
    }
    if (viewers.isEmpty()) channel.remove();
  }

  /** Channels with a viewer seen since {@code now - windowMillis}, most viewers first. */
  List<ChannelView> view(long now, long windowMillis) {
    long from = now - windowMillis;
    List<ChannelView> out = new ArrayList<>();
    channels.forEach(
        (channel, viewers) -> {
          ChannelView v = view(channel, viewers.values(), from);
          if (v.viewers() > 0) out.add(v);
        });
    out.sort(
        Comparator.comparingInt(ChannelView::viewers)
            .reversed()
            .thenComparing(ChannelView::channel));
    return out;
  }

  /** Viewers of every channel within the window (the gauge). */
  int viewers(long now, long windowMillis) {
    return view(now, windowMillis).stream().mapToInt(ChannelView::viewers).sum();
  }

  private static ChannelView view(String channel, Iterable<Viewer> viewers, long from) {
    int count = 0;
    long last = 0;
    List<Long> latencies = new ArrayList<>();
    for (Viewer v : viewers) {
      last = Math.max(last, v.seen());
      if (v.seen() < from) continue;
      count++;
      if (v.latencyMs() >= 0 && v.latencyAt() >= from) latencies.add(v.latencyMs());
    }
    latencies.sort(null);
    return new ChannelView(
        channel,
        count,
        latencies.size(),
        percentile(latencies, 0.50),
        percentile(latencies, 0.95),
        last);
  }

  /** Nearest rank: the smallest sample with at least {@code q} of them at or below it. */
  static Long percentile(List<Long> sorted, double q) {
    if (sorted.isEmpty()) return null;
    int rank = (int) Math.ceil(q * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }

  private LinkedHashMap<String, Viewer> channel(String channel) {
    LinkedHashMap<String, Viewer> viewers = channels.remove(channel);
    if (viewers == null) viewers = new LinkedHashMap<>();
    // re-inserted: the map's order is the order channels were last active, oldest first
    channels.put(channel, viewers);
    if (channels.size() > MAX_CHANNELS) {
      Iterator<LinkedHashMap<String, Viewer>> oldest = channels.values().iterator();
      int dropped = oldest.next().size();
      oldest.remove();
      if (viewerCount >= 0) viewerCount -= dropped;
    }
    return viewers;
  }
}
