/**
 * The edge cache (vid-cache). {@link org.telcocdn.cache.EdgeServer} builds one edge from one {@link
 * org.telcocdn.cache.EdgeConfig}: it composes the parts below, binds the players' port last, and
 * only then joins the broker ({@link org.telcocdn.cache.BrokerLink}); if anything fails on the way,
 * what was opened is closed again. This package also holds what belongs to the service as a whole:
 * {@link org.telcocdn.cache.Duress} (when the edge says it is overloaded) and {@link
 * org.telcocdn.cache.EdgeAccessLog} (the access-log writer opened from the config).
 *
 * <p>The parts, one package each; a package only uses those below it:
 *
 * <pre>
 * serving      HTTP to players and peers: the Netty pipeline, routes, hits from the tiers, streamed misses
 * replication  peer fill, pushes of hot titles to replicas, anti-entropy, the cache-index link
 * fill         one fetch per missed object, shared by every client that waits for it (single flight)
 * metrics      outcomes as closed enums, and the edge's counters of them
 * storage      the memory and disk tiers, object keys, known title versions, the controller's allocation
 * </pre>
 */
package org.telcocdn.cache;
