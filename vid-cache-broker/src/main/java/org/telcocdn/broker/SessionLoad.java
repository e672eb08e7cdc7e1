package org.telcocdn.broker;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The broker's own view of each edge's load: how many playback sessions it sent there recently.
 *
 * <p>A session is one player's session id for a video, or without one the (client, video) pair. A
 * player asks for a master playlist, then playlists and segments every couple of seconds, all
 * through {@code /play}; counting requests would weigh a viewer by their segment length, so a
 * session counts once, on the edge it was last routed to, for as long as it keeps asking within
 * {@code window} (30 s by default: several segment periods, so a paused or buffering player is not
 * forgotten at once). Expired sessions are dropped by {@link #sweep()}, run periodically; until
 * then they still count, which only overstates load for up to one sweep period.
 *
 * <p>Heartbeats arrive once a second and lag; this counter moves with every decision, so a burst of
 * new viewers of one title spreads out at once instead of all landing on its owner until the next
 * heartbeat.
 *
 * <p>Sessions live in {@link SessionTable} stripes of primitive arrays, not in a map of objects: at
 * tens of thousands of new sessions a second, copying session objects between young generations
 * made the broker's GC pauses, and so its p99.
 */
public final class SessionLoad {
  /** Stripes, each locked on its own: the two event loops rarely meet on one. A power of two. */
  private static final int STRIPES = 64;

  private final long windowMillis;
  private final Clock clock;
  private final SessionTable[] stripes = new SessionTable[STRIPES];
  private final EdgeIds edgeIds = new EdgeIds();
  private int cursor; // moved only by sweep, which one thread at a time runs

  public SessionLoad(Duration window, Clock clock) {
    this.windowMillis = window.toMillis();
    this.clock = clock;
    for (int i = 0; i < STRIPES; i++) stripes[i] = new SessionTable();
  }

  /** The edge this (client, video) session is currently counted on, if it is still live. */
  public String currentEdge(String client, String videoId) {
    return currentEdge(new RouteRequest(videoId, client, null, null).sessionKey());
  }

  /**
   * The edge the session {@code key} (see {@link RouteRequest#sessionKey()}) is counted on, if
   * live.
   */
  public String currentEdge(String key) {
    long hash = Hash64.of(key);
    SessionTable stripe = stripe(hash);
    int edge;
    synchronized (stripe) {
      edge = stripe.edge(hash, oldestLive(clock.millis()));
    }
    return edge < 0 ? null : edgeIds.name(edge);
  }

  /** Counts the session on {@code edge}, moving it there if it was counted elsewhere. */
  public void record(String client, String videoId, String edge) {
    record(new RouteRequest(videoId, client, null, null).sessionKey(), edge);
  }

  /** Counts the session {@code key} on {@code edge}. */
  public void record(String key, String edge) {
    long hash = Hash64.of(key);
    int id = edgeIds.id(edge);
    SessionTable stripe = stripe(hash);
    int previous;
    synchronized (stripe) {
      previous = stripe.put(hash, id, clock.millis());
    }
    if (previous == id) return;
    if (previous >= 0) edgeIds.counter(previous).decrementAndGet();
    edgeIds.counter(id).incrementAndGet();
  }

  /** Recent sessions on one edge. */
  public long count(String edge) {
    AtomicLong n = edgeIds.counterOf(edge);
    return n == null ? 0 : Math.max(0, n.get());
  }

  /** Recent sessions per edge, a snapshot. */
  public Map<String, Long> counts() {
    return edgeIds.counts();
  }

  /** Forgets sessions idle for longer than the window, in every stripe. */
  public void sweep() {
    sweep(STRIPES);
  }

  /**
   * Forgets expired sessions in the next {@code count} stripes, round the table. The broker sweeps
   * a couple of stripes at a time, often: a whole pass over a million sessions takes milliseconds
   * of a core the event loops share, and in one go it delayed the requests queued behind it.
   */
  public void sweep(int count) {
    long oldestLive = oldestLive(clock.millis());
    for (int i = 0; i < Math.min(count, STRIPES); i++) {
      SessionTable stripe = stripes[Math.floorMod(cursor++, STRIPES)];
      synchronized (stripe) {
        stripe.sweep(oldestLive, edge -> edgeIds.counter(edge).decrementAndGet());
      }
    }
  }

  private SessionTable stripe(long hash) {
    return stripes[(int) (hash >>> 58) & (STRIPES - 1)];
  }

  private long oldestLive(long nowMillis) {
    return nowMillis - windowMillis;
  }
}
