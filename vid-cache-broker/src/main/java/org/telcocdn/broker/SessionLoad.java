package org.telcocdn.broker;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The broker's own view of each edge's load: how many playback sessions it sent there recently.
 *
 * <p>A session is one player's session id for a video, or without one the (client, video) pair. A player asks for a master playlist, then playlists and
 * segments every couple of seconds, all through {@code /play}; counting requests would weigh a viewer
 * by their segment length, so a session counts once, on the edge it was last routed to, for as long
 * as it keeps asking within {@code window} (30 s by default: several segment periods, so a paused or
 * buffering player is not forgotten at once). Expired sessions are dropped by {@link #sweep()}, run
 * periodically; until then they still count, which only overstates load for up to one sweep period.
 *
 * <p>Heartbeats arrive once a second and lag; this counter moves with every decision, so a burst of
 * new viewers of one title spreads out at once instead of all landing on its owner until the next
 * heartbeat.
 */
public final class SessionLoad {
  /** Epoch millis rather than an Instant: one object less per session, and there can be a million. */
  private record Session(String edge, long lastSeenMillis) {}

  private final Duration window;
  private final Clock clock;
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> perEdge = new ConcurrentHashMap<>();

  public SessionLoad(Duration window, Clock clock) {
    this.window = window;
    this.clock = clock;
  }

  /** The edge this (client, video) session is currently counted on, if it is still live. */
  public String currentEdge(String client, String videoId) {
    return currentEdge(new RouteRequest(videoId, client, null, null).sessionKey());
  }

  /** The edge the session {@code key} (see {@link RouteRequest#sessionKey()}) is counted on, if live. */
  public String currentEdge(String key) {
    Session s = sessions.get(key);
    return s == null || expired(s, clock.millis()) ? null : s.edge();
  }

  /** Counts the session on {@code edge}, moving it there if it was counted elsewhere. */
  public void record(String client, String videoId, String edge) {
    record(new RouteRequest(videoId, client, null, null).sessionKey(), edge);
  }

  /** Counts the session {@code key} on {@code edge}. */
  public void record(String key, String edge) {
    long now = clock.millis();
    sessions.compute(key, (k, old) -> {
      if (old != null && old.edge().equals(edge) && !expired(old, now)) return new Session(edge, now);
      if (old != null) counter(old.edge()).decrementAndGet();
      counter(edge).incrementAndGet();
      return new Session(edge, now);
    });
  }

  /** Recent sessions on one edge. */
  public long count(String edge) {
    AtomicLong n = perEdge.get(edge);
    return n == null ? 0 : Math.max(0, n.get());
  }

  /** Recent sessions per edge, a snapshot. */
  public Map<String, Long> counts() {
    Map<String, Long> counts = new HashMap<>();
    perEdge.forEach((edge, n) -> counts.put(edge, Math.max(0, n.get())));
    return counts;
  }

  /** Forgets sessions idle for longer than the window. */
  public void sweep() {
    long now = clock.millis();
    for (Map.Entry<String, Session> e : sessions.entrySet()) {
      // Check without locking first: most sessions are live, and there can be hundreds of thousands.
      if (!expired(e.getValue(), now)) continue;
      sessions.computeIfPresent(e.getKey(), (k, s) -> {
        if (!expired(s, now)) return s;
        counter(s.edge()).decrementAndGet();
        return null;
      });
    }
  }

  private AtomicLong counter(String edge) {
    return perEdge.computeIfAbsent(edge, e -> new AtomicLong());
  }

  private boolean expired(Session s, long nowMillis) {
    return s.lastSeenMillis() + window.toMillis() < nowMillis;
  }
}
