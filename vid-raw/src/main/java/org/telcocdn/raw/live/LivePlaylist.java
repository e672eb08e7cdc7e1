package org.telcocdn.raw.live;

/**
 * A rendered media playlist, the same as a Playlist Delta Update ({@code delta}, RFC 8216bis
 * section 6.2.5.1), and where the track stood when it was rendered: what an edge needs to answer
 * blocking reloads and {@code _HLS_skip} without parsing the text.
 */
public record LivePlaylist(
    String text,
    String delta,
    long lastMsn,
    int lastPart,
    long lastCompleteMsn,
    int targetDurationMillis,
    int partTargetMillis) {}
