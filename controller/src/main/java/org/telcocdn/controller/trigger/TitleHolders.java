package org.telcocdn.controller.trigger;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The cache index's word on which caches hold a title at its current version. */
public interface TitleHolders {
  /**
   * The holders of each of {@code videoIds} as the index says now (a title it does not know: no
   * holder); empty when there is no index or it did not answer in time.
   */
  Optional<Map<String, List<String>>> of(List<String> videoIds);

  TitleHolders NONE = videoIds -> Optional.empty();
}
