/**
 * Storage: where the edge keeps objects, and which copies may still be served. Uses no other part
 * of the edge.
 *
 * <ul>
 *   <li>{@link org.telcocdn.cache.storage.CacheKey}, {@link org.telcocdn.cache.storage.ObjectMeta}:
 *       an object's name, and what a response needs besides its bytes.
 *   <li>{@link org.telcocdn.cache.storage.MemoryTier}: small hot objects in off-heap buffers.
 *   <li>{@link org.telcocdn.cache.storage.DiskTier}: one file per object within a byte budget, with
 *       admission and eviction by the cache-policy module. A fill writes into a {@link
 *       org.telcocdn.cache.storage.PartFile}, which the tier renames into place on commit; {@link
 *       org.telcocdn.cache.storage.ObjectFile} is the file format and {@link
 *       org.telcocdn.cache.storage.OpenFiles} the handles kept open between hits.
 *   <li>{@link org.telcocdn.cache.storage.Tiers}: both tiers, memory in front of disk.
 *   <li>{@link org.telcocdn.cache.storage.TitleVersions}: the newest version learned per title; an
 *       older copy is never served.
 *   <li>{@link org.telcocdn.cache.storage.TitleCopies}: what the disk holds per title, for holdings
 *       reports and digests.
 *   <li>{@link org.telcocdn.cache.storage.Allocation}, {@link
 *       org.telcocdn.cache.storage.Allocations}: the controller's plan of which titles this edge
 *       stores.
 * </ul>
 */
package org.telcocdn.cache.storage;
