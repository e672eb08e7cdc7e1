package org.telcocdn.cache.policy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/** Least recently used over bytes: an access-ordered map whose eldest entries go first. */
public final class LruPolicy<K> implements CachePolicy<K> {
  private final long capacity;
  private final LinkedHashMap<K, Long> order = new LinkedHashMap<>(1024, 0.75f, true);
  private long used;

  public LruPolicy(long capacityBytes) {
    this.capacity = capacityBytes;
  }

  @Override
  public String name() {
    return "lru";
  }

  @Override
  public boolean contains(K key) {
    return order.containsKey(key);
  }

  @Override
  public void onHit(K key) {
    order.get(key);
  }

  @Override
  public boolean onMiss(K key, long size, Consumer<? super K> evicted) {
    if (size > capacity) return false;
    while (used + size > capacity) {
      Map.Entry<K, Long> eldest = order.pollFirstEntry();
      used -= eldest.getValue();
      evicted.accept(eldest.getKey());
    }
    order.put(key, size);
    used += size;
    return true;
  }

  @Override
  public void remove(K key) {
    Long size = order.remove(key);
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
    return order.size();
  }
}
