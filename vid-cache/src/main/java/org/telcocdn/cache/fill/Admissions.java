package org.telcocdn.cache.fill;

import org.telcocdn.cache.metrics.FillSourceKind;
import org.telcocdn.cache.storage.CacheKey;
import org.telcocdn.cache.storage.ObjectMeta;

/**
 * Told of every object committed to the disk tier, on a commit thread: replication announces hot
 * ones to their replicas (docs/replication.md). Must not block.
 */
public interface Admissions {
  Admissions NONE = (key, meta, source) -> {};

  void admitted(CacheKey key, ObjectMeta meta, FillSourceKind source);
}
