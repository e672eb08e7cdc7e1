package org.telcocdn.cache.live;

import io.grpc.Channel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.telcocdn.protocol.origin.client.LiveOriginClient;

/**
 * The edge's live side: one {@link LiveFeed} per channel rendition asked for, one {@link
 * LiveObjects} for every channel's objects, and a sweeper that slides the window once a second.
 * Upstream requests are counted in {@code edge_live_upstream_total{kind}}: the request collapsing
 * is visible in production, not only in tests.
 */
public final class LiveEdge implements AutoCloseable {
  /** Players that may wait on one feed; more get 503 at once (memory stays bounded). */
  static final int MAX_WAITERS_PER_FEED = 10_000;

  /** Feeds kept; an idle one is dropped at the next sweep. */
  static final int MAX_FEEDS = 10_000;

  /** Objects of a live window: never more than this many bytes held. */
  static final long MAX_BYTES = 256L << 20;

  static final long WINDOW_MILLIS = 60_000;

  private final LiveOriginClient origin;
  private final ScheduledExecutorService timer;
  private final Map<String, LiveFeed> feeds = new ConcurrentHashMap<>();
  private final LiveObjects objects;
  private final Counter playlistFetches;
  private final Counter objectFetches;

  public LiveEdge(Channel originChannel, MeterRegistry registry) {
    this.origin = new LiveOriginClient(originChannel, 16 << 20);
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("edge-live-timer").factory());
    this.playlistFetches =
        Counter.builder("edge_live_upstream_total").tag("kind", "playlist").register(registry);
    this.objectFetches =
        Counter.builder("edge_live_upstream_total").tag("kind", "object").register(registry);
    this.objects =
        new LiveObjects(
            origin,
            objectFetches::increment,
            WINDOW_MILLIS,
            MAX_BYTES,
            LiveFeed.DEFAULT_HOLD_MILLIS);
    Gauge.builder("edge_live_bytes", objects, LiveObjects::heldBytes).register(registry);
    timer.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.SECONDS);
  }

  /** The feed of a channel's rendition; null when too many feeds exist. */
  public LiveFeed feed(String channel, String rendition) {
    String key = channel + "/" + rendition;
    LiveFeed feed = feeds.get(key);
    if (feed != null || feeds.size() >= MAX_FEEDS) return feed;
    return feeds.computeIfAbsent(
        key,
        k ->
            new LiveFeed(
                channel,
                rendition,
                origin,
                timer,
                playlistFetches::increment,
                MAX_WAITERS_PER_FEED));
  }

  public LiveObjects objects() {
    return objects;
  }

  /** Upstream requests so far: playlists and objects. */
  public double upstream(String kind) {
    return kind.equals("playlist") ? playlistFetches.count() : objectFetches.count();
  }

  private void sweep() {
    objects.sweep();
    feeds.values().removeIf(LiveFeed::idle);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
