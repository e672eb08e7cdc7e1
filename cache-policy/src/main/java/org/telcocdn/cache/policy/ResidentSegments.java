package org.telcocdn.cache.policy;

import java.util.Arrays;

/**
 * vpop's resident segments: dense slots 0..size-1 (what the eviction samples from, uniformly, by
 * slot number) and an open-addressing index from key to slot. Removing a slot moves the last one
 * into it, as an {@code ArrayList} swap-remove would, so the slot numbers, and hence vpop's
 * samples, are those of the list of entries this replaces.
 *
 * <p>Why not a {@code HashMap<K, Entry>} and a list of entry objects: in {@code cdn sim-network}
 * (caches of 10⁵ to 10⁶ segments) the map's lookups were a third of the CPU (a profile of
 * 2026-12-05: {@code contains} 27 %, {@code HashMap.getNode} 22 %), each a chain of dependent cache
 * misses (table, node, boxed key, entry), and a simulator's ids, boxed {@code Long}s, hash to their
 * two halves XORed, which collide for segments of titles that share their low bits (tree bins).
 * Here a probe is one cache line of the index holding the key's 64-bit fingerprint ({@link
 * Hashes#fingerprint}, which spreads a whole {@code Long}) and its slot, and what a sample reads
 * (title, rendition, position) is one line of a flat array.
 *
 * <table>
 *   <caption>Limits</caption>
 *   <tr><th>limit</th><th>value</th></tr>
 *   <tr><td>index load</td><td>at most 1/2 (linear probing; grows by doubling)</td></tr>
 *   <tr><td>memory</td><td>about 70 bytes per segment besides its key</td></tr>
 * </table>
 */
final class ResidentSegments<K> {
  private static final int INITIAL_SLOTS = 64;
  private static final int INITIAL_BUCKETS = 128;

  private Object[] keys = new Object[INITIAL_SLOTS];
  private long[] prints = new long[INITIAL_SLOTS];
  private long[] sizes = new long[INITIAL_SLOTS];
  private long[] touched = new long[INITIAL_SLOTS];

  /** Per slot two longs: the title, then the rendition (high half) and the position (low half). */
  private long[] segments = new long[2 * INITIAL_SLOTS];

  /**
   * The index: per bucket a fingerprint and slot + 1 (0: empty), so a probe reads one cache line.
   */
  private long[] buckets = new long[2 * INITIAL_BUCKETS];

  private int mask = INITIAL_BUCKETS - 1;
  private int size;

  int size() {
    return size;
  }

  /** The key's slot, or -1 when it is not resident. */
  int find(K key) {
    long print = Hashes.fingerprint(key);
    for (int b = home(print); ; b = (b + 1) & mask) {
      long slot = buckets[2 * b + 1];
      if (slot == 0) return -1;
      if (buckets[2 * b] == print && same(key, (int) slot - 1)) return (int) slot - 1;
    }
  }

  /**
   * Equal fingerprints of two {@code Long}s are equal ids ({@link Hashes#mix} is a bijection), so a
   * simulator's key is never read back; any other key is compared.
   */
  private boolean same(K key, int slot) {
    return key instanceof Long || keys[slot].equals(key);
  }

  /** Adds an absent key in the next slot, which it returns. */
  int add(K key, long size, SegmentKey segment, long now) {
    if (this.size == keys.length) growSlots();
    if (2 * (this.size + 1) > mask + 1) growIndex();
    int slot = this.size++;
    long print = Hashes.fingerprint(key);
    keys[slot] = key;
    prints[slot] = print;
    sizes[slot] = size;
    touched[slot] = now;
    segments[2 * slot] = segment.title();
    segments[2 * slot + 1] = (long) segment.rendition() << 32 | (segment.index() & 0xFFFFFFFFL);
    link(print, slot);
    return slot;
  }

  /** Removes the segment in {@code slot}, moving the last slot's segment into it. */
  void remove(int slot) {
    unlink(bucketOf(slot));
    int last = --size;
    if (slot != last) {
      int moved = bucketOf(last);
      keys[slot] = keys[last];
      prints[slot] = prints[last];
      sizes[slot] = sizes[last];
      touched[slot] = touched[last];
      segments[2 * slot] = segments[2 * last];
      segments[2 * slot + 1] = segments[2 * last + 1];
      buckets[2 * moved + 1] = slot + 1;
    }
    keys[last] = null;
  }

  @SuppressWarnings("unchecked")
  K key(int slot) {
    return (K) keys[slot];
  }

  long size(int slot) {
    return sizes[slot];
  }

  long touched(int slot) {
    return touched[slot];
  }

  void touch(int slot, long now) {
    touched[slot] = now;
  }

  long title(int slot) {
    return segments[2 * slot];
  }

  int rendition(int slot) {
    return (int) (segments[2 * slot + 1] >>> 32);
  }

  int index(int slot) {
    return (int) segments[2 * slot + 1];
  }

  private int home(long print) {
    return (int) print & mask;
  }

  private void link(long print, int slot) {
    int b = home(print);
    while (buckets[2 * b + 1] != 0) b = (b + 1) & mask;
    buckets[2 * b] = print;
    buckets[2 * b + 1] = slot + 1;
  }

  /** The bucket that holds {@code slot}. */
  private int bucketOf(int slot) {
    int b = home(prints[slot]);
    while (buckets[2 * b + 1] != slot + 1) b = (b + 1) & mask;
    return b;
  }

  /**
   * Empties a bucket, moving back the later entries of its probe run that may no longer be reached
   * across the hole (linear probing's deletion, without tombstones).
   */
  private void unlink(int hole) {
    for (int b = (hole + 1) & mask; buckets[2 * b + 1] != 0; b = (b + 1) & mask) {
      int home = home(buckets[2 * b]);
      if (((b - home) & mask) >= ((b - hole) & mask)) {
        buckets[2 * hole] = buckets[2 * b];
        buckets[2 * hole + 1] = buckets[2 * b + 1];
        hole = b;
      }
    }
    buckets[2 * hole] = 0;
    buckets[2 * hole + 1] = 0;
  }

  private void growSlots() {
    int n = keys.length * 2;
    keys = Arrays.copyOf(keys, n);
    prints = Arrays.copyOf(prints, n);
    sizes = Arrays.copyOf(sizes, n);
    touched = Arrays.copyOf(touched, n);
    segments = Arrays.copyOf(segments, 2 * n);
  }

  private void growIndex() {
    buckets = new long[4 * (mask + 1)];
    mask = 2 * mask + 1;
    for (int slot = 0; slot < size; slot++) link(prints[slot], slot);
  }
}
