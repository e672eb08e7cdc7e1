package org.telcocdn.broker;

import java.util.Set;

/**
 * The edges that hold the current version of a title, as far as the broker knows right now. Called
 * on the request path, so an implementation answers from memory and never waits for the index.
 */
@FunctionalInterface
public interface TitleHolders {
  /** No index: no holder is ever known, and routing is the policy's alone. */
  TitleHolders NONE = videoId -> Set.of();

  Set<String> of(String videoId);
}
