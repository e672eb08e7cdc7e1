package org.telcocdn.broker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The broker's own view of each edge's load: how many playback sessions it sent there recently.
 *
 * <p>A session is one (client, video) pair. A player asks for a master playlist, then playlists and
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
  private record Session(String edge, Instant lastSeen) {}

  private record Key(String client, String videoId) {}

  private final Duration window;
  private final Clock clock;
  private final Map<Key, Session> sessions = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> perEdge = new ConcurrentHashMap<>();

  public SessionLoad(Duration window, Clock clock) {
    this.window = window;
    this.clock = clock;
  }

  /** The edge this (client, video) session is currently counted on, if it is still live. */
  public String currentEdge(String client, String videoId) {
    Session s = sessions.get(new Key(client, videoId));
    return s == null || expired(s, clock.instant()) ? null : s.edge();
  }

  /** Counts the session on {@code edge}, moving it there if it was counted elsewhere. */
  public void record(String client, String videoId, String edge) {
    Instant now = clock.instant();
    sessions.compute(new Key(client, videoId), (k, old) -> {
      if (old != null && old.edge().equals(edge) && !expired(old, now)) return new Session(edge, now);
      if (old != null) counter(old.edge()).decrementAndGet();
      counter(edge).incrementAndGet();
      return new Session(edge, now);
    });
  }

  /** Recent sessions per edge, a snapshot. */
  public Map<String, Long> counts() {
    Map<String, Long> counts = new HashMap<>();
    perEdge.forEach((edge, n) -> counts.put(edge, Math.max(0, n.get())));
    return counts;
  }

  /** Forgets sessions idle for longer than the window. */
  public void sweep() {
    Instant now = clock.instant();
    for (Key key : sessions.keySet()) {
      sessions.computeIfPresent(key, (k, s) -> {
        if (!expired(s, now)) return s;
        counter(s.edge()).decrementAndGet();
        return null;
      });
    }
  }

  private AtomicLong counter(String edge) {
    return perEdge.computeIfAbsent(edge, e -> new AtomicLong());
  }

  private boolean expired(Session s, Instant now) {
    return s.lastSeen().plus(window).isBefore(now);
  }
}
