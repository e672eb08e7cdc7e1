package org.telcocdn.raw.media;

/** One rendition as produced, as vid-metadata stores it: bandwidth in bits/s, RFC 6381 codecs. */
public record Rendition(String name, int width, int height, long bandwidth, String codecs) {}
