/**
 * Serving: HTTP to players and to site peers, on the edge's own Netty pipeline (no body aggregation
 * on responses, zero-copy disk hits).
 *
 * <ul>
 *   <li>{@link org.telcocdn.cache.serving.EdgeHandler}: one connection; answers pipelined requests
 *       one at a time.
 *   <li>{@link org.telcocdn.cache.serving.EdgeRoutes}: which handler answers a request: object
 *       requests directly, everything else through common's {@code Router}; {@link
 *       org.telcocdn.cache.serving.InternalApi} is the {@code /internal/*} API.
 *   <li>{@link org.telcocdn.cache.serving.ObjectService}: {@code GET /videos/...} from memory, from
 *       disk by sendfile, or by joining a fill; {@code StreamedResponse} streams a fill to one
 *       client.
 *   <li>{@code Exchange}, {@link org.telcocdn.cache.serving.ResponsePlan}, {@code HttpDates}: one
 *       request and its response, with the headers every response carries.
 *   <li>{@link org.telcocdn.cache.serving.AccessLogHandler}: one access record per object response.
 * </ul>
 *
 * Uses every other part of the edge.
 */
package org.telcocdn.cache.serving;
