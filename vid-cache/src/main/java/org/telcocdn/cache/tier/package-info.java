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
 *   <li>{@link org.telcocdn.cache.tier.ParentSource}: the fill from a parent on the viewer's event
 *       loop (the HTTP origins' client, over TLS), streamed through;
 *   <li>{@link org.telcocdn.cache.tier.ParentFill}: one fill along the order and finally to the
 *       origin, with the next parent's stored copy ({@code only-if-cached}) taken when the first is
 *       slow to answer; {@link org.telcocdn.cache.tier.ParentCall}: one request to a parent;
 *   <li>{@link org.telcocdn.cache.tier.ParentFailure}, {@link
 *       org.telcocdn.cache.tier.ParentMetrics}: why a parent was skipped, counted.
 * </ul>
 */
package org.telcocdn.cache.tier;
