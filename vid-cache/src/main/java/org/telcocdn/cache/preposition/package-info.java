/**
 * Preposition on the edge (docs/continuum.md): jobs the controller's triggers push ({@code
 * /internal/preposition}), each a title or part of one, filled in the background at low priority: a
 * connection to the origin of their own, a token bucket per edge, a few objects in flight, and a
 * back-off while viewers load the edge. {@link Prepositions} runs them, {@link PrepositionApi}
 * answers the controller.
 */
package org.telcocdn.cache.preposition;
