package org.telcocdn.cache;

/**
 * Told of every object committed to the disk tier, on a commit thread: replication announces hot
 * ones to their replicas (docs/replication.md). Must not block.
 */
interface Admissions {
  Admissions NONE = (key, meta, source) -> {};

  void admitted(CacheKey key, ObjectMeta meta, FillSource.Kind source);
}
