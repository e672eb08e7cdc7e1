package org.telcocdn.cache.storage;

import java.util.HashSet;
import java.util.Set;

/** The two storage tiers, memory in front of disk. */
public record Tiers(MemoryTier memory, DiskTier disk) {

  /** Removes the video from both tiers; an object held in both counts once. */
  public int invalidate(String videoId) {
    Set<CacheKey> removed = new HashSet<>(disk.invalidate(videoId));
    removed.addAll(memory.invalidate(videoId));
    return removed.size();
  }

  /** Removes the title's copies older than {@code version}: a newer version was learned. */
  public int removeOlderThan(String videoId, long version) {
    Set<CacheKey> removed = new HashSet<>(disk.removeOlderThan(videoId, version));
    removed.addAll(memory.removeOlderThan(videoId, version));
    return removed.size();
  }

  public void remove(CacheKey key) {
    disk.remove(key);
    memory.remove(key);
  }
}
