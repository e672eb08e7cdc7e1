package org.telcocdn.cache.policy;

import java.util.function.Consumer;

/**
 * S3-FIFO (Yang et al., SOSP'23, "FIFO queues are all you need for cache eviction") over a fixed
 * byte budget: the queues of {@link S3Fifo}, with a small FIFO of 10 % of the budget by default.
 */
public final class S3FifoPolicy<K> implements CachePolicy<K> {
  private final long capacity;
  private final S3Fifo<K> queues;

  public S3FifoPolicy(long capacityBytes) {
    this(capacityBytes, 0.10, 0);
  }

  /**
   * @param expectedObjects about how many objects the budget holds (capacity over the mean object
   *     size): sizes the ghost's table
   */
  public S3FifoPolicy(long capacityBytes, double smallShare, long expectedObjects) {
    this.capacity = capacityBytes;
    this.queues = new S3Fifo<>(capacityBytes, smallShare, expectedObjects);
  }

  @Override
  public String name() {
    return "s3fifo";
  }

  @Override
  public boolean contains(K key) {
    return queues.contains(key);
  }

  @Override
  public void onHit(K key) {
    queues.onHit(key);
  }

  @Override
  public boolean onMiss(K key, long size, Consumer<? super K> evicted) {
    if (size > capacity) return false;
    boolean remembered = queues.remembered(key);
    while (queues.usedBytes() + size > capacity) queues.evictOne((k, s) -> evicted.accept(k));
    queues.insert(key, size, remembered);
    return true;
  }

  @Override
  public void remove(K key) {
    queues.remove(key);
  }

  @Override
  public long usedBytes() {
    return queues.usedBytes();
  }

  @Override
  public long capacityBytes() {
    return capacity;
  }

  @Override
  public int objectCount() {
    return queues.objectCount();
  }
}
