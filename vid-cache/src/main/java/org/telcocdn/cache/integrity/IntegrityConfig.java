package org.telcocdn.cache.integrity;

/**
 * How much a peer's copy may cost to verify, read with every other key by {@code EdgeConfig.from}
 * (docs/configuration.md, {@code edge.integrity.*}).
 *
 * @param maxPeerObjectBytes a peer's copy is held whole until its SHA-256 matches, so larger
 *     objects are filled from the origin instead (streamed through as always)
 * @param peerBufferBytes all peer copies held for verification at once, on the heap; when full, a
 *     fill goes to the origin instead of waiting
 * @param manifestObjects objects' entries kept from the origin's manifests (a few hundred bytes of
 *     heap each); the least recently used titles' manifests are dropped and fetched again when
 *     needed
 */
public record IntegrityConfig(
    long maxPeerObjectBytes, long peerBufferBytes, long manifestObjects) {}
