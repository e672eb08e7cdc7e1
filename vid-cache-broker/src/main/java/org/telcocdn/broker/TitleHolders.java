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

  /**
   * Whether the controller's allocation assigned the title to more than one edge, as it does with a
   * site's head (its most requested titles and those of a predicted spike: docs/controller.md,
   * docs/prediction.md): its holders are replicas meant to share its sessions. From the same cached
   * answer as {@link #of}, never a call of its own.
   */
  default boolean replicated(String videoId) {
    return false;
  }
}
