package org.telcocdn.controller.trigger;

/**
 * The existing invalidation path: the broker commits the new version to the cache index, then tells
 * every edge. Throws {@code ApiException} when the broker refuses or cannot be reached.
 */
public interface Invalidator {
  void invalidate(String videoId, String reason);
}
