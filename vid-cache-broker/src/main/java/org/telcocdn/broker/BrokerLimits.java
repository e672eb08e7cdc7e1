package org.telcocdn.broker;

import org.telcocdn.common.config.Settings;
import org.telcocdn.common.http.ConnectionLimits;

/**
 * What the broker allows hostile or merely numerous clients (docs/security.md, "Limits against
 * hostile clients"): its listener's {@link ConnectionLimits}, the sessions it counts (each {@code
 * /play} with a new session id adds one, for {@link BrokerConfig#SESSION_WINDOW}), and the edges it
 * registers.
 *
 * <p>2,000,000 sessions: twice what the session table was designed for (30 s of sessions at tens of
 * thousands of new sessions a second, {@link SessionTable}); at 20 bytes a session in tables at
 * most half full, about 80 MiB. A session past the cap is still routed, by the policy alone, but
 * not counted or kept sticky, and {@code broker_sessions_untracked} says how many. 1,000 edges:
 * more than any one broker routes to.
 */
public record BrokerLimits(ConnectionLimits connections, int maxSessions, int maxEdges) {
  public static final int DEFAULT_MAX_SESSIONS = 2_000_000;
  public static final int DEFAULT_MAX_EDGES = 1_000;

  static BrokerLimits from(Settings s) {
    return new BrokerLimits(
        ConnectionLimits.from(s, "broker", ConnectionLimits.VIEWER_MAX_CONNECTIONS),
        s.intValue("broker.limits.max-sessions", DEFAULT_MAX_SESSIONS, 64, 100_000_000),
        s.intValue("broker.limits.max-edges", DEFAULT_MAX_EDGES, 1, 100_000));
  }

  static BrokerLimits defaults() {
    return new BrokerLimits(
        ConnectionLimits.defaults(ConnectionLimits.VIEWER_MAX_CONNECTIONS),
        DEFAULT_MAX_SESSIONS,
        DEFAULT_MAX_EDGES);
  }
}
