/**
 * Cache tiers (docs/topology.md, "Cache tiers"): an edge fills a miss from a parent cache of its
 * primary parent site, then of its secondary, then from the origin; a regional cache serves those
 * fills on its control listener.
 *
 * <ul>
 *   <li>{@link org.telcocdn.cache.tier.TierConfig}: the role ({@code edge.tier}) and the parents
 *       ({@code edge.parents.*});
 *   <li>{@link org.telcocdn.cache.tier.ParentSelection}: which parent cache, in which order, for an
 *       object (rendezvous hashing within a site, primary site first), circuits skipped;
 *   <li>{@link org.telcocdn.cache.tier.ParentCircuits}: a parent that refused or timed out is
 *       skipped for a while;
 *   <li>{@link org.telcocdn.cache.tier.ParentSource}: the fill from a parent, streamed through,
 *       falling back along the order and finally to the origin;
 *   <li>{@link org.telcocdn.cache.tier.ParentHeads}: a parent's response head, or the next parent's
 *       stored copy ({@code only-if-cached}) when the first is slow to answer;
 *   <li>{@link org.telcocdn.cache.tier.ParentFailure}, {@link
 *       org.telcocdn.cache.tier.ParentMetrics}: why a parent was skipped, counted.
 * </ul>
 */
package org.telcocdn.cache.tier;
