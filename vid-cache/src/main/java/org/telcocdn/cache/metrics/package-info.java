/**
 * What the edge counts: every outcome as a closed enum ({@link
 * org.telcocdn.cache.metrics.CacheOutcome} per request, also sent as {@code X-Cache}; {@link
 * org.telcocdn.cache.metrics.FillSourceKind} per fill; {@link
 * org.telcocdn.cache.metrics.PeerFallback} per peer fill that went to the origin), the Prometheus
 * counters and gauges of them ({@link org.telcocdn.cache.metrics.EdgeMetrics}), and {@link
 * org.telcocdn.cache.metrics.InFlight}, the count of work a drain waits for. Uses storage (for the
 * tiers' gauges) and nothing else of the edge.
 */
package org.telcocdn.cache.metrics;
