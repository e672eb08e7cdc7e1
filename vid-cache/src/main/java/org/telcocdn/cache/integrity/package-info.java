/**
 * Content integrity (docs/security.md, "Content integrity"): what this edge serves is the origin's.
 *
 * <ul>
 *   <li>{@link org.telcocdn.cache.integrity.TitleManifests}: every object's description and SHA-256
 *       per title, from the origin's {@code Manifest} call, kept in memory.
 *   <li>{@link org.telcocdn.cache.integrity.PeerCopyCheck}: a copy offered by a site peer is read
 *       whole, hashed and compared with the origin's digest before a viewer or the disk gets a byte
 *       of it; {@link org.telcocdn.cache.integrity.IntegrityOutcome} says what the check found.
 *   <li>{@link org.telcocdn.cache.integrity.Revalidation}: after a restart without a cache index,
 *       the titles held are asked of the origin before they are served again ({@link
 *       org.telcocdn.cache.integrity.RevalidationOutcome}).
 *   <li>{@link org.telcocdn.cache.integrity.IntegrityMetrics}, {@link
 *       org.telcocdn.cache.integrity.IntegrityConfig}.
 * </ul>
 *
 * Uses storage and the origin's protocol; used by replication (peer fills) and serving
 * (revalidation).
 */
package org.telcocdn.cache.integrity;
