package org.telcocdn.analytics;

import java.util.Set;
import org.telcocdn.common.video.LiveChannelId;

/**
 * What a player reports on its own, {@code POST /api/beacons}: the times an edge cannot see. {@code
 * event} is {@code startup} (with {@code startupMs}), {@code rebuffer} (with {@code rebufferMs},
 * the length of one stall), {@code progress} (with {@code playedMs} since the last beacon that
 * carried it), {@code error}, {@code end} (with the last {@code playedMs}) or, from a player of a
 * live channel, {@code latency} (with {@code latencyMs}, its distance from the live edge, and the
 * channel's id as {@code cid}). {@code sid} is the CMCD session id the same player sends to the
 * edges, which is how beacons and access-log records meet in one session. Field names follow CMCD
 * where one exists ({@code sid}, {@code cid}, {@code br} in kbps).
 */
public record Beacon(
    String sid,
    String cid,
    String edge,
    String event,
    Long time,
    Long startupMs,
    Long rebufferMs,
    Long playedMs,
    Long br,
    Long latencyMs) {

  public static final Set<String> EVENTS =
      Set.of("startup", "rebuffer", "progress", "error", "end", "latency");

  /**
   * A player further behind than this is not at the live edge but replaying the DVR window, which
   * origin.live.window-seconds keeps to minutes; an hour is a value no player reports.
   */
  static final long MAX_LATENCY_MS = 3_600_000;

  /** The beacons that have no latency (every event but {@code latency}). */
  public Beacon(
      String sid,
      String cid,
      String edge,
      String event,
      Long time,
      Long startupMs,
      Long rebufferMs,
      Long playedMs,
      Long br) {
    this(sid, cid, edge, event, time, startupMs, rebufferMs, playedMs, br, null);
  }

  /** CMCD caps string values at 64 characters; a little slack for ids made elsewhere. */
  private static final int MAX_ID = 128;

  /** What is wrong with this beacon for a 400, or null when it is fine. */
  public String problem() {
    if (sid == null || sid.isBlank()) return "a beacon needs sid";
    if (sid.length() > MAX_ID
        || (cid != null && cid.length() > MAX_ID)
        || (edge != null && edge.length() > MAX_ID)) {
      return "sid, cid and edge must be at most " + MAX_ID + " characters";
    }
    if (event == null || !EVENTS.contains(event))
      return "event must be one of " + String.join(", ", EVENTS.stream().sorted().toList());
    if (negative(time)
        || negative(startupMs)
        || negative(rebufferMs)
        || negative(playedMs)
        || negative(br)
        || negative(latencyMs)) {
      return "time, startupMs, rebufferMs, playedMs, br and latencyMs must not be negative";
    }
    return latencyProblem();
  }

  /** A latency beacon names its channel and carries its latency; no other beacon carries one. */
  private String latencyProblem() {
    if (!"latency".equals(event)) {
      return latencyMs == null ? null : "latencyMs belongs to a latency beacon only";
    }
    if (!LiveChannelId.isLive(cid)) return "a latency beacon needs cid, a live channel's id";
    if (latencyMs == null) return "a latency beacon needs latencyMs";
    if (latencyMs > MAX_LATENCY_MS) return "latencyMs must be at most " + MAX_LATENCY_MS;
    return null;
  }

  boolean isLatency() {
    return "latency".equals(event);
  }

  /**
   * This beacon with {@code time} replaced by {@code now} unless the player's clock agrees with
   * ours within {@code tolerance}: a viewer's device clock can be hours off, and one such beacon
   * would move "the newest activity" that decides which sessions are live.
   */
  public Beacon timedBy(long now, long toleranceMillis) {
    if (time != null && Math.abs(time - now) <= toleranceMillis) return this;
    return new Beacon(sid, cid, edge, event, now, startupMs, rebufferMs, playedMs, br, latencyMs);
  }

  private static boolean negative(Long v) {
    return v != null && v < 0;
  }
}
