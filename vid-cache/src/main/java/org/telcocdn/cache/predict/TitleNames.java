package org.telcocdn.cache.predict;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Title key → video id, for the titles requested lately: the model knows titles by their 64-bit
 * key, the controller by their id. Least recently requested first out, at most {@code capacity}
 * entries (twice the predictor's titles, so every title it holds is named). Predictor thread only.
 */
final class TitleNames {
  private final LinkedHashMap<Long, String> names;

  TitleNames(int capacity) {
    this.names =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Long, String> eldest) {
            return size() > capacity;
          }
        };
  }

  void remember(long key, String videoId) {
    names.put(key, videoId);
  }

  /** The id, or null when it was forgotten. */
  String of(long key) {
    return names.get(key);
  }
}
