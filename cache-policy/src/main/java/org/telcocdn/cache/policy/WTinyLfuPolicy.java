package org.telcocdn.cache.policy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * W-TinyLFU as Caffeine implements it: a Caffeine cache of sizes, weighed in bytes, with
 * maintenance run on the calling thread so that evictions happen inside {@link #onMiss} and in a
 * reproducible order. Caffeine's admission compares frequencies only; an object's size decides how
 * many victims it costs, not whether it is admitted.
 */
public final class WTinyLfuPolicy<K> implements CachePolicy<K> {
  private final long capacity;
  private final Cache<K, Integer> cache;
  private final ArrayDeque<K> victims = new ArrayDeque<>();
  private long used;

  public WTinyLfuPolicy(long capacityBytes) {
    this.capacity = capacityBytes;
    this.cache =
        Caffeine.newBuilder()
            .maximumWeight(capacityBytes)
            .<K, Integer>weigher((k, size) -> size)
            .executor(Runnable::run)
            .<K, Integer>evictionListener(
                (k, size, cause) -> {
                  if (cause.wasEvicted()) {
                    victims.add(k);
                    used -= size;
                  }
                })
            .build();
  }

  @Override
  public String name() {
    return "wtinylfu";
  }

  @Override
  public boolean contains(K key) {
    return cache.asMap().containsKey(key);
  }

  @Override
  public void onHit(K key) {
    cache.getIfPresent(key);
  }

  @Override
  public boolean onMiss(K key, long size, Consumer<? super K> evicted) {
    if (size > capacity || size > Integer.MAX_VALUE) return false;
    cache.put(key, (int) size);
    used += size;
    cache.cleanUp();
    boolean admitted = true;
    for (K victim; (victim = victims.poll()) != null; ) {
      if (victim.equals(key)) admitted = false;
      else evicted.accept(victim);
    }
    return admitted;
  }

  @Override
  public void remove(K key) {
    Integer size = cache.asMap().remove(key);
    if (size != null) used -= size;
  }

  @Override
  public long usedBytes() {
    return used;
  }

  @Override
  public long capacityBytes() {
    return capacity;
  }

  @Override
  public int objectCount() {
    return (int) cache.estimatedSize();
  }
}
