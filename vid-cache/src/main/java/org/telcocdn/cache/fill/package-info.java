/**
 * Filling: one fetch per missed object, however many clients ask for it at once (single flight).
 *
 * <ul>
 *   <li>{@link org.telcocdn.cache.fill.Fills}: the fills in flight, one per key; a miss joins the
 *       running fill or starts one.
 *   <li>{@link org.telcocdn.cache.fill.Fill}: one fetch; hands each chunk to every waiting client
 *       as it arrives and to the disk tier's part file, then commits the object to the tiers. Its
 *       concurrency model is described on the class, and which thread or lock guards each field.
 *   <li>{@link org.telcocdn.cache.fill.FillSource}: where a fill gets its bytes; {@link
 *       org.telcocdn.cache.fill.OriginSource} is the origin over gRPC (a site peer's source is in
 *       the replication package).
 *   <li>{@link org.telcocdn.cache.fill.FillSubscriber}: a client waiting on a fill.
 *   <li>{@link org.telcocdn.cache.fill.Admissions}: told of every object committed to disk.
 * </ul>
 *
 * Uses storage and metrics.
 */
package org.telcocdn.cache.fill;
