package org.telcocdn.analytics;

/**
 * What a player reports on its own, {@code POST /api/beacons}: the times an edge cannot see.
 * {@code event} is {@code startup} (with {@code startupMs}), {@code rebuffer} (with
 * {@code rebufferMs}), {@code progress} (with {@code playedMs} since the last beacon),
 * {@code error} or {@code end}. Field names follow CMCD where one exists ({@code sid}, {@code cid},
 * {@code br}).
 */
public record Beacon(String sid, String cid, String edge, String event, Long time, Long startupMs, Long rebufferMs,
    Long playedMs, Long br) {}
