package org.telcocdn.broker;

import java.time.Duration;
import java.time.Instant;

/**
 * One registered edge at one moment: an immutable value the registry swaps on every change. {@code
 * upSince} is when it last came back from DOWN (null when it has been UP since it registered: a
 * fresh edge at start-up takes its full share at once); {@code probeMisses} counts the broker's
 * consecutive failed {@code /health} probes.
 */
public record Edge(
    String name,
    String url,
    String site,
    EdgeState state,
    EdgeLoad load,
    Instant lastHeartbeat,
    Instant upSince,
    int probeMisses) {

  public Edge(
      String name, String url, String site, EdgeState state, EdgeLoad load, Instant lastHeartbeat) {
    this(name, url, site, state, load, lastHeartbeat, null, 0);
  }

  Edge withState(EdgeState next) {
    return new Edge(name, url, site, next, load, lastHeartbeat, upSince, probeMisses);
  }

  Edge withProbeMisses(int misses) {
    return new Edge(name, url, site, state, load, lastHeartbeat, upSince, misses);
  }

  /** After a heartbeat; an edge the probes hold DOWN stays DOWN until a probe succeeds. */
  Edge heartbeat(EdgeLoad reported, Instant at, int missesForDown) {
    EdgeState next =
        probeMisses >= missesForDown
            ? EdgeState.DOWN
            : reported.draining() ? EdgeState.DRAINING : EdgeState.UP;
    return new Edge(name, url, site, next, reported, at, recovering(next, at), probeMisses);
  }

  /** As UP again at {@code at}, warming up if it was DOWN. */
  Edge revived(Instant at) {
    return new Edge(
        name, url, site, EdgeState.UP, load, lastHeartbeat, recovering(EdgeState.UP, at), 0);
  }

  /**
   * The share of its full load cap this edge may take now: ramps linearly from 0.1 to 1 over {@code
   * warmUp} after a recovery, so a cold cache is not handed a full share of misses at once.
   */
  public double warmth(Instant now, Duration warmUp) {
    if (upSince == null || warmUp.isZero()) return 1.0;
    double elapsed = Duration.between(upSince, now).toMillis() / (double) warmUp.toMillis();
    return elapsed >= 1 ? 1.0 : Math.max(0.1, elapsed);
  }

  private Instant recovering(EdgeState next, Instant at) {
    if (next != EdgeState.UP) return upSince;
    return state == EdgeState.DOWN ? at : upSince;
  }
}
