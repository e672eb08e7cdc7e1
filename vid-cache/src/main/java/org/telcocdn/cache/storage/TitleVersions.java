package org.telcocdn.cache.storage;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * The newest version of each title this edge has learned: from an invalidation (the broker) or from
 * the cache index, never from another edge's word. Versions only go up; a copy admitted at an older
 * version is stale and is never served once the newer one is known. Titles never versioned are at
 * 0.
 *
 * <p>At most {@code maxTitles} are remembered ({@code edge.limits.max-titles}): the ids come from
 * invalidations and the index, and a flood of made-up ids must not grow the map without bound. When
 * full, an arbitrary tenth is forgotten (as the broker's holder view does). That is safe for what
 * this edge holds: copies older than a version were dropped when it was learned, so those left are
 * of the newest known version; the index's next report or invalidation teaches it again.
 */
public final class TitleVersions {
  private final ConcurrentHashMap<String, Long> known = new ConcurrentHashMap<>();
  private final int maxTitles;
  private volatile BiConsumer<String, Long> onRaised = (videoId, version) -> {};

  public TitleVersions() {
    this(Integer.MAX_VALUE);
  }

  public TitleVersions(int maxTitles) {
    this.maxTitles = maxTitles;
  }

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
    if (before[0] == 0 && known.size() > maxTitles) forgetSome(videoId);
    onRaised.accept(videoId, version);
    return true;
  }

  /** Titles remembered now. */
  public int size() {
    return known.size();
  }

  private void forgetSome(String keep) {
    int excess = known.size() - maxTitles + Math.max(1, maxTitles / 10);
    for (String videoId : known.keySet()) {
      if (excess <= 0) return;
      if (!videoId.equals(keep) && known.remove(videoId) != null) excess--;
    }
  }

  public boolean stale(String videoId, ObjectMeta meta) {
    return meta.version() < known(videoId);
  }

  public Map<String, Long> snapshot() {
    return Map.copyOf(known);
  }
}
