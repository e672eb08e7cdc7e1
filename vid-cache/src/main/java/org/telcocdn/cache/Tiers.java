package org.telcocdn.cache;

import java.util.HashSet;
import java.util.Set;

/** The two storage tiers, memory in front of disk. */
record Tiers(MemoryTier memory, DiskTier disk) {

  /** Removes the video from both tiers; an object held in both counts once. */
  int invalidate(String videoId) {
    Set<CacheKey> removed = new HashSet<>(disk.invalidate(videoId));
    removed.addAll(memory.invalidate(videoId));
    return removed.size();
  }
}
