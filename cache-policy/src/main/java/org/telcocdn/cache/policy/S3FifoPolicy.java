package org.telcocdn.cache.policy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * S3-FIFO (Yang et al., SOSP'23) with queues measured in bytes: a small FIFO S of 10 % of the
 * budget, a main FIFO M of the rest, and a ghost FIFO G of keys recently evicted from S (bounded by
 * M's byte size). New objects enter S, or M when G remembers them. Each object has a frequency
 * capped at 3. Evicting from S moves an object that was hit while in S to M (frequency cleared), and
 * sends the others to G; evicting from M reinserts objects with a non-zero frequency (decrementing
 * it) and drops the first one at zero: quick demotion of one-hit wonders, lazy promotion.
 */
public final class S3FifoPolicy<K> implements CachePolicy<K> {
  private static final int MAX_FREQ = 3;

  private static final class Entry {
    final long size;
    int freq;

    Entry(long size) {
      this.size = size;
    }
  }

  private final long capacity;
  private final long smallTarget;
  private final LinkedHashMap<K, Entry> small = new LinkedHashMap<>();
  private final LinkedHashMap<K, Entry> main = new LinkedHashMap<>();
  private final LinkedHashMap<K, Long> ghost = new LinkedHashMap<>();
  private long smallBytes;
  private long mainBytes;
  private long ghostBytes;

  public S3FifoPolicy(long capacityBytes) {
    this(capacityBytes, 0.10);
  }

  public S3FifoPolicy(long capacityBytes, double smallShare) {
    this.capacity = capacityBytes;
    this.smallTarget = (long) (capacityBytes * smallShare);
  }

  @Override
  public String name() {
    return "s3fifo";
  }

  @Override
  public boolean contains(K key) {
    return small.containsKey(key) || main.containsKey(key);
  }

  @Override
  public void onHit(K key) {
    Entry e = small.get(key);
    if (e == null) e = main.get(key);
    if (e != null && e.freq < MAX_FREQ) e.freq++;
  }

  @Override
  public boolean onMiss(K key, long size, Consumer<? super K> evicted) {
    if (size > capacity) return false;
    Long ghostSize = ghost.remove(key); // looked up first: the evictions below may push it out of G
    if (ghostSize != null) ghostBytes -= ghostSize;
    while (usedBytes() + size > capacity) evictOne(evicted);
    if (ghostSize != null) {
      main.put(key, new Entry(size));
      mainBytes += size;
    } else {
      small.put(key, new Entry(size));
      smallBytes += size;
    }
    return true;
  }

  private void evictOne(Consumer<? super K> evicted) {
    if (smallBytes >= smallTarget && !small.isEmpty() || main.isEmpty()) {
      evictSmall(evicted);
    } else {
      evictMain(evicted);
    }
  }

  /** Moves accessed objects from S's tail to M until one unaccessed object leaves for G. */
  private void evictSmall(Consumer<? super K> evicted) {
    while (!small.isEmpty()) {
      Map.Entry<K, Entry> tail = small.pollFirstEntry();
      Entry e = tail.getValue();
      smallBytes -= e.size;
      if (e.freq > 0) {
        e.freq = 0;
        main.put(tail.getKey(), e);
        mainBytes += e.size;
      } else {
        remember(tail.getKey(), e.size);
        evicted.accept(tail.getKey());
        return;
      }
    }
  }

  /** FIFO with reinsertion: objects with frequency left go round again, one step colder. */
  private void evictMain(Consumer<? super K> evicted) {
    while (!main.isEmpty()) {
      Map.Entry<K, Entry> tail = main.pollFirstEntry();
      Entry e = tail.getValue();
      if (e.freq > 0) {
        e.freq--;
        main.put(tail.getKey(), e);
      } else {
        mainBytes -= e.size;
        evicted.accept(tail.getKey());
        return;
      }
    }
  }

  private void remember(K key, long size) {
    ghost.put(key, size);
    ghostBytes += size;
    long limit = capacity - smallTarget;
    while (ghostBytes > limit && !ghost.isEmpty()) ghostBytes -= ghost.pollFirstEntry().getValue();
  }

  @Override
  public void remove(K key) {
    Entry e = small.remove(key);
    if (e != null) {
      smallBytes -= e.size;
      return;
    }
    e = main.remove(key);
    if (e != null) mainBytes -= e.size;
  }

  @Override
  public long usedBytes() {
    return smallBytes + mainBytes;
  }

  @Override
  public long capacityBytes() {
    return capacity;
  }

  @Override
  public int objectCount() {
    return small.size() + main.size();
  }
}
