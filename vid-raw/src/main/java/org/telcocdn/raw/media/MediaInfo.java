package org.telcocdn.raw.media;

/**
 * What ingest needs to know about a source: the first video stream's size, whether there is audio
 * to carry over, the duration, and a short file type for the catalogue ("mp4", "mkv", ...).
 */
public record MediaInfo(
    int width, int height, boolean hasAudio, double durationSeconds, String fileType) {}
