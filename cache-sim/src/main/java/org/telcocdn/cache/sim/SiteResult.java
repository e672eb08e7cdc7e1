package org.telcocdn.cache.sim;

/**
 * One site configuration over the measured (post-warm-up) requests.
 *
 * @param scheme {@code independent} (each edge caches on its own) or {@code allocated}
 * @param byteHitRatio bytes served from any edge of the site / bytes requested
 * @param localByteHitRatio bytes served from the viewer's own edge / bytes requested
 * @param duplicatedShare mean bytes held beyond the first copy, over the site's capacity
 * @param duplicatedBytes the same in bytes
 * @param plan titles per placement reason of the last plan, empty for {@code independent}
 */
public record SiteResult(
    String scheme,
    String policy,
    double sizeFraction,
    long siteCapacityBytes,
    double byteHitRatio,
    double localByteHitRatio,
    double duplicatedShare,
    long duplicatedBytes,
    String plan) {}
