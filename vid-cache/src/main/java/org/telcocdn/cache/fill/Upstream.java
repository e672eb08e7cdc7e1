package org.telcocdn.cache.fill;

/**
 * What the tier above said of a fill it served: its own {@code X-Cache} (its outcome first, then
 * its parents') and its {@code X-Served-By}, so the edge's response can name every tier ({@code
 * MISS, HIT from regional-1}).
 */
public record Upstream(String cache, String servedBy) {}
