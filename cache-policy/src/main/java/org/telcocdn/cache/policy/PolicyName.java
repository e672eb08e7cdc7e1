package org.telcocdn.cache.policy;

import java.util.Arrays;
import java.util.Locale;

/**
 * The policies by configuration name: {@code lru}, {@code s3fifo}, {@code wtinylfu}, {@code vpop}.
 */
public enum PolicyName {
  LRU,
  S3FIFO,
  WTINYLFU,
  VPOP;

  public static PolicyName of(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT).replace("-", ""));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown cache policy '"
              + name
              + "', expected one of "
              + Arrays.stream(values()).map(PolicyName::label).toList(),
          e);
    }
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * A new policy of this kind.
   *
   * @param meanObjectSize a guess of the mean object size, used to size the ghosts' tables
   */
  public <K> CachePolicy<K> create(long capacityBytes, long meanObjectSize, SegmentShape<K> shape) {
    return switch (this) {
      case LRU -> new LruPolicy<>(capacityBytes);
      case S3FIFO ->
          new S3FifoPolicy<>(capacityBytes, 0.10, expected(capacityBytes, meanObjectSize));
      case WTINYLFU -> new WTinyLfuPolicy<>(capacityBytes);
      case VPOP ->
          new VideoPopularityPolicy<>(
              capacityBytes, expected(capacityBytes, meanObjectSize), shape);
    };
  }

  private static long expected(long capacityBytes, long meanObjectSize) {
    return capacityBytes / Math.max(1, meanObjectSize);
  }
}
