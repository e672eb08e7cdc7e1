/**
 * Live channels at the edge (docs/live.md): blocking playlist reloads answered from one upstream
 * request per playlist update ({@link org.telcocdn.cache.live.LiveFeed}), parts, segments and inits
 * fetched once however many players ask and kept for the live window apart from the VOD tiers
 * ({@link org.telcocdn.cache.live.LiveObjects}), the query of a blocking reload checked ({@link
 * org.telcocdn.cache.live.BlockingReload}). No HTTP here: {@code serving.LiveService} answers.
 */
package org.telcocdn.cache.live;
