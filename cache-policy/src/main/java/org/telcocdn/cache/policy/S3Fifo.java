package org.telcocdn.cache.policy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ObjLongConsumer;

/**
 * The queues of S3-FIFO (Yang et al., SOSP'23), measured in bytes, without a capacity of their own:
 * the caller decides when to evict and hands over the budget the queues are sized against. So the
 * same code runs as the {@code s3fifo} policy (a fixed budget) and as vpop's part for objects that
 * are not segments (the bytes the segments leave).
 *
 * <p>A small FIFO S ({@code smallShare} of the budget), a main FIFO M and a ghost G of keys
 * recently evicted from S: those among the last bytes evicted from S that M's share of the budget
 * would hold, as fingerprints in a table of fixed size ({@link Ghost}), so G's memory is bounded
 * however small the objects. New objects enter S, or M when G remembers them. Each object has a
 * frequency capped at 3. Evicting from S moves an object that was hit while in S to M (frequency
 * cleared), and sends the others to G; evicting from M reinserts objects with a non-zero frequency
 * (decrementing it) and drops the first one at zero: quick demotion of one-hit wonders, lazy
 * promotion.
 */
final class S3Fifo<K> {
  private static final int MAX_FREQ = 3;

  private static final class Entry {
    final long size;
    int freq;

    Entry(long size) {
      this.size = size;
    }
  }

  private final double smallShare;
  private final LinkedHashMap<K, Entry> small = new LinkedHashMap<>();
  private final LinkedHashMap<K, Entry> main = new LinkedHashMap<>();
  private final Ghost ghost;
  private long budget;
  private long smallBytes;
  private long mainBytes;

  /**
   * @param expectedObjects about how many objects the budget holds: sizes G's table
   */
  S3Fifo(long budget, double smallShare, long expectedObjects) {
    this.smallShare = smallShare;
    this.ghost = new Ghost(expectedObjects, 0);
    budget(budget);
  }

  /** The bytes the queues may hold now: sets S's target and G's bound (M's share). */
  void budget(long bytes) {
    this.budget = bytes;
    ghost.coverage(bytes - smallTarget());
  }

  private long smallTarget() {
    return (long) (budget * smallShare);
  }

  boolean contains(K key) {
    return small.containsKey(key) || main.containsKey(key);
  }

  void onHit(K key) {
    Entry e = small.get(key);
    if (e == null) e = main.get(key);
    if (e != null && e.freq < MAX_FREQ) e.freq++;
  }

  /**
   * Whether G remembers {@code key}, forgetting it. Asked before the evictions of the same miss (as
   * libCacheSim does), since they may push the key out of G.
   */
  boolean remembered(K key) {
    return ghost.take(Hashes.fingerprint(key));
  }

  /** Adds an absent object: to M if G remembered it, else to S. The caller has made room. */
  void insert(K key, long size, boolean remembered) {
    if (remembered) {
      main.put(key, new Entry(size));
      mainBytes += size;
    } else {
      small.put(key, new Entry(size));
      smallBytes += size;
    }
  }

  /** Evicts one object, passing its key and size to {@code evicted}; nothing when empty. */
  void evictOne(ObjLongConsumer<? super K> evicted) {
    if (smallBytes >= smallTarget() && !small.isEmpty() || main.isEmpty()) {
      evictSmall(evicted);
    } else {
      evictMain(evicted);
    }
  }

  /** Moves accessed objects from S's tail to M until one unaccessed object leaves for G. */
  private void evictSmall(ObjLongConsumer<? super K> evicted) {
    while (!small.isEmpty()) {
      Map.Entry<K, Entry> tail = small.pollFirstEntry();
      Entry e = tail.getValue();
      smallBytes -= e.size;
      if (e.freq > 0) {
        e.freq = 0;
        main.put(tail.getKey(), e);
        mainBytes += e.size;
      } else {
        ghost.add(Hashes.fingerprint(tail.getKey()), e.size);
        evicted.accept(tail.getKey(), e.size);
        return;
      }
    }
  }

  /** FIFO with reinsertion: objects with frequency left go round again, one step colder. */
  private void evictMain(ObjLongConsumer<? super K> evicted) {
    while (!main.isEmpty()) {
      Map.Entry<K, Entry> tail = main.pollFirstEntry();
      Entry e = tail.getValue();
      if (e.freq > 0) {
        e.freq--;
        main.put(tail.getKey(), e);
      } else {
        mainBytes -= e.size;
        evicted.accept(tail.getKey(), e.size);
        return;
      }
    }
  }

  /** Forgets a resident object; false if it is not resident. */
  boolean remove(K key) {
    Entry e = small.remove(key);
    if (e != null) {
      smallBytes -= e.size;
      return true;
    }
    e = main.remove(key);
    if (e == null) return false;
    mainBytes -= e.size;
    return true;
  }

  long usedBytes() {
    return smallBytes + mainBytes;
  }

  int objectCount() {
    return small.size() + main.size();
  }
}
