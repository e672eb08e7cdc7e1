/**
 * Replication between the edges of a site (docs/replication.md); none of it runs without {@code
 * edge.index.peers}.
 *
 * <ul>
 *   <li>{@link org.telcocdn.cache.replication.EdgeReplication}: the whole of it on one edge, on its
 *       own threads; a viewer's request only reads the site view and counts the title's requests.
 *   <li>{@code IndexLink}: holdings reports to the cache index and the site view read back.
 *   <li>{@code PeerSource}: a fill from a site peer's only-if-cached copy, falling back to the
 *       origin.
 *   <li>{@code Replicator}, {@code Hotness}, {@code Replicas}: background pulls of hot titles, and
 *       which edges should hold a copy (rendezvous hashing).
 *   <li>{@code AntiEntropy}, {@code Digest}: the periodic digest exchange that repairs what a
 *       partition or a restart missed.
 *   <li>{@link org.telcocdn.cache.replication.SitePeers}, {@code Peer}, {@link
 *       org.telcocdn.cache.replication.PeerTransport}: the other edges of the site and every call
 *       made to them; {@link org.telcocdn.cache.replication.PeerFaults} cuts them off for fault
 *       tests.
 * </ul>
 *
 * Uses fill, metrics and storage.
 */
package org.telcocdn.cache.replication;
