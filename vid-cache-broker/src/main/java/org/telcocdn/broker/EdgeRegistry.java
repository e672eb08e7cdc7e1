package org.telcocdn.broker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The edges the broker knows and their health. Writes (register, heartbeat, removal, expiry) are
 * rare (about one per edge per second) and serialised on this object so that every state change is
 * logged once and listeners see membership changes in order; reads are lock-free.
 *
 * <p>An edge is {@link EdgeState#DOWN} once {@code heartbeatTimeout} passes without a heartbeat.
 * That is checked lazily before each routing decision ({@link #expireStale()}, a lock-free scan of
 * a few edges) and by a periodic sweep, so a dead edge leaves the ring even when nobody is playing.
 */
public final class EdgeRegistry {
  private static final Logger log = LoggerFactory.getLogger(EdgeRegistry.class);

  private final Duration heartbeatTimeout;
  private final int missesForDown;
  private final Clock clock;
  private final Map<String, Edge> edges = new ConcurrentHashMap<>();
  private final List<Consumer<List<Edge>>> membershipListeners = new CopyOnWriteArrayList<>();
  private final List<StateChangeListener> stateListeners = new CopyOnWriteArrayList<>();

  /**
   * Told of every state change; {@code from} or {@code to} is null when an edge appears or is
   * removed.
   */
  @FunctionalInterface
  public interface StateChangeListener {
    void changed(String edge, EdgeState from, EdgeState to);
  }

  public EdgeRegistry(Duration heartbeatTimeout, Clock clock) {
    this(heartbeatTimeout, 3, clock);
  }

  /**
   * {@code missesForDown}: consecutive failed probes after which an edge is DOWN whatever it
   * heartbeats.
   */
  public EdgeRegistry(Duration heartbeatTimeout, int missesForDown, Clock clock) {
    this.heartbeatTimeout = heartbeatTimeout;
    this.missesForDown = missesForDown;
    this.clock = clock;
  }

  public Clock clock() {
    return clock;
  }

  /** Calls {@code listener} with the UP edges now and after every change of them. */
  public synchronized void onMembershipChange(Consumer<List<Edge>> listener) {
    membershipListeners.add(listener);
    listener.accept(upEdges());
  }

  public void onStateChange(StateChangeListener listener) {
    stateListeners.add(listener);
  }

  /** Registers an edge, or re-registers it (e.g. after a restart): it is UP from now. */
  public synchronized Edge register(EdgeRegistration r) {
    Edge previous = edges.get(r.name());
    Instant now = clock.instant();
    // A restarted edge comes back with a cold cache: it warms up like one that was DOWN.
    Instant upSince = previous != null && previous.state() == EdgeState.DOWN ? now : null;
    Edge edge =
        new Edge(
            r.name(),
            r.url(),
            r.site(),
            EdgeState.UP,
            EdgeLoad.initial(r.diskCapacityBytes()),
            now,
            upSince,
            0);
    edges.put(edge.name(), edge);
    changed(
        edge.name(),
        previous == null ? null : previous.state(),
        EdgeState.UP,
        "registered",
        previous == null || !previous.url().equals(edge.url()));
    return edge;
  }

  /** Records a heartbeat; empty when the edge is unknown (it should register again). */
  public synchronized Optional<Edge> heartbeat(String name, EdgeLoad load) {
    Edge previous = edges.get(name);
    if (previous == null) return Optional.empty();
    Edge edge = previous.heartbeat(load, clock.instant(), missesForDown);
    edges.put(name, edge);
    changed(name, previous.state(), edge.state(), "heartbeat", false);
    return Optional.of(edge);
  }

  /**
   * Records the outcome of one of the broker's own {@code /health} probes: {@code missesForDown}
   * misses in a row make the edge DOWN (a hung process may still heartbeat from another thread); a
   * success revives a DOWN edge whose heartbeats are fresh, into its warm-up ramp.
   */
  public synchronized void probed(String name, boolean healthy) {
    Edge previous = edges.get(name);
    if (previous == null) return;
    Instant now = clock.instant();
    if (!healthy) {
      Edge edge = previous.withProbeMisses(previous.probeMisses() + 1);
      if (edge.probeMisses() >= missesForDown && edge.state() != EdgeState.DOWN)
        edge = edge.withState(EdgeState.DOWN);
      edges.put(name, edge);
      changed(name, previous.state(), edge.state(), "probe-missed", false);
      return;
    }
    if (previous.probeMisses() == 0) return;
    Edge edge =
        previous.state() == EdgeState.DOWN && !stale(previous, now)
            ? previous.revived(now)
            : previous.withProbeMisses(0);
    edges.put(name, edge);
    changed(name, previous.state(), edge.state(), "probe-ok", false);
  }

  /** Forgets an edge; false when it was not registered. */
  public synchronized boolean remove(String name) {
    Edge previous = edges.remove(name);
    if (previous == null) return false;
    changed(name, previous.state(), null, "removed", false);
    return true;
  }

  /** Marks DOWN every edge whose last heartbeat is older than the timeout. */
  public synchronized void sweep() {
    Instant now = clock.instant();
    for (Edge edge : List.copyOf(edges.values())) {
      if (edge.state() != EdgeState.DOWN && stale(edge, now)) {
        edges.put(edge.name(), edge.withState(EdgeState.DOWN));
        changed(edge.name(), edge.state(), EdgeState.DOWN, "heartbeat-timeout", false);
      }
    }
  }

  /** The lazy check: a lock-free scan, and a sweep only when some live edge has gone stale. */
  public void expireStale() {
    Instant now = clock.instant();
    for (Edge edge : edges.values()) {
      if (edge.state() != EdgeState.DOWN && stale(edge, now)) {
        sweep();
        return;
      }
    }
  }

  public Optional<Edge> edge(String name) {
    return Optional.ofNullable(edges.get(name));
  }

  /** Every registered edge, by name, after the lazy expiry check. */
  public List<Edge> edges() {
    expireStale();
    return edges.values().stream().sorted(Comparator.comparing(Edge::name)).toList();
  }

  public Map<EdgeState, Long> countByState() {
    Map<EdgeState, Long> counts = new EnumMap<>(EdgeState.class);
    for (EdgeState s : EdgeState.values()) counts.put(s, 0L);
    for (Edge edge : edges.values()) counts.merge(edge.state(), 1L, Long::sum);
    return counts;
  }

  public Duration heartbeatTimeout() {
    return heartbeatTimeout;
  }

  private boolean stale(Edge edge, Instant now) {
    // Millis rather than Instant.plus: no object per edge per routing decision.
    return now.toEpochMilli() - edge.lastHeartbeat().toEpochMilli() > heartbeatTimeout.toMillis();
  }

  private List<Edge> upEdges() {
    return edges.values().stream()
        .filter(e -> e.state() == EdgeState.UP)
        .sorted(Comparator.comparing(Edge::name))
        .toList();
  }

  private void changed(
      String name, EdgeState from, EdgeState to, String cause, boolean urlChanged) {
    if (from == to && !urlChanged) return;
    log.atInfo()
        .addKeyValue("event", "edge_state")
        .addKeyValue("edge", name)
        .addKeyValue("from", from == null ? "NONE" : from.name())
        .addKeyValue("to", to == null ? "REMOVED" : to.name())
        .addKeyValue("cause", cause)
        .log(
            "edge {} {} -> {} ({})",
            name,
            from == null ? "NONE" : from,
            to == null ? "REMOVED" : to,
            cause);
    if (from != to) stateListeners.forEach(l -> l.changed(name, from, to));
    List<Edge> up = upEdges();
    membershipListeners.forEach(l -> l.accept(up));
  }
}
