package org.telcocdn.raw.live;

/**
 * A rendered media playlist and where the track stood when it was rendered: what an edge needs to
 * answer blocking reloads without parsing the text.
 */
public record LivePlaylist(
    String text,
    long lastMsn,
    int lastPart,
    long lastCompleteMsn,
    int targetDurationMillis,
    int partTargetMillis) {}
