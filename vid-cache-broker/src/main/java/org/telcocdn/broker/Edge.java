package org.telcocdn.broker;

import java.time.Instant;

/** One registered edge at one moment: an immutable value the registry swaps on every change. */
public record Edge(String name, String url, String site, EdgeState state, EdgeLoad load, Instant lastHeartbeat) {

  Edge withState(EdgeState next) {
    return new Edge(name, url, site, next, load, lastHeartbeat);
  }

  Edge heartbeat(EdgeLoad reported, Instant at) {
    return new Edge(name, url, site, reported.draining() ? EdgeState.DRAINING : EdgeState.UP, reported, at);
  }
}
