package org.telcocdn.metadata;

/**
 * One encoded variant of a video, as the HLS master playlist lists it. {@code codecs} may be null.
 */
public record Rendition(String name, int width, int height, long bandwidth, String codecs) {}
