package org.telcocdn.raw.media;

/** One planned rendition of the ladder: its directory name ("720p"), size and target bitrate. */
public record Rung(String name, int width, int height, int videoKbps) {}
