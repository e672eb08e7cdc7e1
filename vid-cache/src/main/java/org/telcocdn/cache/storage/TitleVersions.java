package org.telcocdn.cache.storage;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * The newest version of each title this edge has learned: from an invalidation, from the cache
 * index, or from a peer's digest. Versions only go up; a copy admitted at an older version is stale
 * and is never served once the newer one is known. Titles never versioned are at 0.
 */
public final class TitleVersions {
  private final ConcurrentHashMap<String, Long> known = new ConcurrentHashMap<>();
  private volatile BiConsumer<String, Long> onRaised = (videoId, version) -> {};

  /**
   * Called (on the learner's thread) whenever a title's known version goes up: drop stale copies.
   */
  public void onRaised(BiConsumer<String, Long> action) {
    this.onRaised = action;
  }

  public long known(String videoId) {
    Long version = known.get(videoId);
    return version == null ? 0 : version;
  }

  /** Records {@code version} if it is newer than the known one; true when it was. */
  public boolean learn(String videoId, long version) {
    if (version <= known(videoId)) return false;
    long[] before = {0};
    known.compute(
        videoId,
        (id, old) -> {
          before[0] = old == null ? 0 : old;
          return old == null ? version : Math.max(old, version);
        });
    if (before[0] >= version) return false;
    onRaised.accept(videoId, version);
    return true;
  }

  public boolean stale(String videoId, ObjectMeta meta) {
    return meta.version() < known(videoId);
  }

  public Map<String, Long> snapshot() {
    return Map.copyOf(known);
  }
}
