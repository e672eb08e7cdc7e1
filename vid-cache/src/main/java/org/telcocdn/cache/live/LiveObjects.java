package org.telcocdn.cache.live;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.telcocdn.protocol.origin.client.LiveOriginClient;
import org.telcocdn.protocol.origin.client.LiveOriginClient.LiveBytes;

/**
 * A live channel's objects at this edge: the master playlist, init segments, parts and segments,
 * each fetched from the origin once however many players ask (the first starts the fetch, the rest
 * join its future; a part the preload hint names is held at the origin until complete, so joining
 * players get it the moment it exists). Parts, segments and inits never change and are kept for the
 * live window; the master playlist for {@value #MASTER_TTL_MILLIS} ms. Kept apart from the VOD
 * tiers, so a sliding live window never evicts a title's segments; bounded by age and by bytes
 * (oldest first).
 */
public final class LiveObjects {
  static final long MASTER_TTL_MILLIS = 2000;

  /** How a request was served, for {@code X-Cache} and the metrics. */
  public enum Served {
    HIT,
    JOINED,
    FETCHED
  }

  /** An object's future and how this request got it. */
  public record Lookup(CompletableFuture<LiveBytes> bytes, Served served) {}

  private record Entry(CompletableFuture<LiveBytes> bytes, long createdNanos, boolean master) {}

  private final LiveOriginClient origin;
  private final Runnable onUpstream;
  private final long windowNanos;
  private final long maxBytes;
  private final long holdMillis;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  LiveObjects(
      LiveOriginClient origin,
      Runnable onUpstream,
      long windowMillis,
      long maxBytes,
      long holdMillis) {
    this.origin = origin;
    this.onUpstream = onUpstream;
    this.windowNanos = windowMillis * 1_000_000L;
    this.maxBytes = maxBytes;
    this.holdMillis = holdMillis;
  }

  public Lookup get(String channel, String path) {
    String key = channel + "/" + path;
    long now = System.nanoTime();
    Served[] served = {Served.HIT};
    Entry entry =
        entries.compute(
            key,
            (k, old) -> {
              if (old != null && !(old.master() && expired(old, now))) {
                if (!old.bytes().isDone()) served[0] = Served.JOINED;
                return old;
              }
              served[0] = Served.FETCHED;
              return new Entry(fetch(channel, path, k), now, path.equals("master.m3u8"));
            });
    return new Lookup(entry.bytes(), served[0]);
  }

  private CompletableFuture<LiveBytes> fetch(String channel, String path, String key) {
    onUpstream.run();
    CompletableFuture<LiveBytes> bytes = origin.object(channel, path, holdMillis + 2000);
    // A failure is not kept: the next request asks again.
    // (async: never inside the compute() that created the entry)
    bytes.whenCompleteAsync(
        (b, e) -> {
          if (e != null) entries.computeIfPresent(key, (k, v) -> v.bytes() == bytes ? null : v);
        });
    return bytes;
  }

  private static boolean expired(Entry e, long now) {
    return now - e.createdNanos() > MASTER_TTL_MILLIS * 1_000_000L;
  }

  /** Drops what slid out of the window, then the oldest while over the byte budget. */
  public void sweep() {
    long now = System.nanoTime();
    entries.values().removeIf(e -> e.bytes().isDone() && now - e.createdNanos() > windowNanos);
    long total = heldBytes();
    if (total <= maxBytes) return;
    var oldest =
        entries.entrySet().stream()
            .filter(e -> e.getValue().bytes().isDone())
            .sorted(java.util.Comparator.comparingLong(e -> e.getValue().createdNanos()))
            .toList();
    for (var e : oldest) {
      if (total <= maxBytes) break;
      total -= size(e.getValue());
      entries.remove(e.getKey(), e.getValue());
    }
  }

  public long heldBytes() {
    return entries.values().stream().mapToLong(LiveObjects::size).sum();
  }

  public int count() {
    return entries.size();
  }

  private static long size(Entry e) {
    LiveBytes b = e.bytes().getNow(null);
    return b == null ? 0 : b.bytes().length;
  }

  /** Forgets a channel (it stopped, or was invalidated). */
  public void forget(String channel) {
    entries.keySet().removeIf(k -> k.startsWith(channel + "/"));
  }
}
