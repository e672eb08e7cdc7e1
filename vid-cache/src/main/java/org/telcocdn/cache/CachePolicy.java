package org.telcocdn.cache;

/**
 * Which disk object to evict next. Kept behind this interface so that S3-FIFO or W-TinyLFU can
 * replace LRU without touching the disk tier. Implementations are called under the tier's lock and
 * need not be thread-safe on their own.
 */
public interface CachePolicy {
  void admitted(CacheKey key);

  void accessed(CacheKey key);

  void removed(CacheKey key);

  /** The next object to evict, or null when the policy tracks none. */
  CacheKey victim();
}
