package org.telcocdn.broker;

import java.util.function.IntConsumer;

/**
 * One stripe of the session table: open addressing with linear probing over three parallel
 * primitive arrays (session hash, edge id, last seen), so a session costs the collector nothing.
 *
 * <p>Why not a map of objects: the broker keeps every session of the last 30 s, up to a million at
 * tens of thousands of new sessions a second. As objects, each new session survived several young
 * collections and was copied at each one: that copying was most of the broker's GC pauses and so of
 * its p99. Here a session is 20 bytes in arrays that live in the old generation, and a table at its
 * steady size allocates nothing: expired sessions are removed in place by backward-shift deletion
 * (Knuth's Algorithm R), not marked as tombstones that would need the arrays rebuilt.
 *
 * <p>Keys are 64-bit hashes of the session key; two sessions whose hashes collide would share an
 * edge, which only affects where they are routed, with odds of about 10^-7 at a million sessions.
 * Key 0 marks an empty slot, so a hash of 0 is stored as 1. Not thread-safe: {@link SessionLoad}
 * locks each stripe.
 */
final class SessionTable {
  private static final int MIN_CAPACITY = 16;
  private static final long EMPTY = 0;

  private long[] keys;
  private int[] edges;
  private long[] seen;
  private int size;

  SessionTable() {
    allocate(MIN_CAPACITY);
  }

  /** The edge id of the session if it was seen at or after {@code oldestLive}, or -1. */
  int edge(long key, long oldestLive) {
    int slot = find(stored(key));
    return slot >= 0 && seen[slot] >= oldestLive ? edges[slot] : -1;
  }

  /**
   * Records that the session is on {@code edge} now; returns the edge it was counted on before
   * (live or not yet swept), or -1 for a new session.
   */
  int put(long key, int edge, long now) {
    key = stored(key);
    int slot = find(key);
    if (slot >= 0) {
      int previous = edges[slot];
      edges[slot] = edge;
      seen[slot] = now;
      return previous;
    }
    if ((size + 1) * 2 > keys.length) {
      rehash(keys.length * 2);
      slot = find(key);
    }
    slot = ~slot;
    keys[slot] = key;
    edges[slot] = edge;
    seen[slot] = now;
    size++;
    return -1;
  }

  /**
   * Removes sessions last seen before {@code oldestLive}, handing each one's edge to {@code
   * expired}, and shrinks the arrays when they are mostly empty.
   */
  void sweep(long oldestLive, IntConsumer expired) {
    int i = 0;
    while (i < keys.length) {
      if (keys[i] != EMPTY && seen[i] < oldestLive) {
        expired.accept(edges[i]);
        removeAt(i); // a later entry may have moved into slot i: look at it again
      } else {
        i++;
      }
    }
    if (size * 8 < keys.length && keys.length > MIN_CAPACITY) rehash(capacityFor(size));
  }

  int size() {
    return size;
  }

  /** The slot of {@code key}, or the bitwise complement of the empty slot where it would go. */
  private int find(long key) {
    int mask = keys.length - 1;
    int slot = home(key, mask);
    while (true) {
      long k = keys[slot];
      if (k == key) return slot;
      if (k == EMPTY) return ~slot;
      slot = (slot + 1) & mask;
    }
  }

  /**
   * Empties {@code slot} and closes the gap: each later entry of the probe run that may live at or
   * before the hole (its home is not between the hole and itself) moves back into it.
   */
  private void removeAt(int slot) {
    int mask = keys.length - 1;
    int hole = slot;
    for (int j = (slot + 1) & mask; keys[j] != EMPTY; j = (j + 1) & mask) {
      int home = home(keys[j], mask);
      if (((j - home) & mask) >= ((j - hole) & mask)) {
        keys[hole] = keys[j];
        edges[hole] = edges[j];
        seen[hole] = seen[j];
        hole = j;
      }
    }
    keys[hole] = EMPTY;
    size--;
  }

  private void rehash(int capacity) {
    long[] oldKeys = keys;
    int[] oldEdges = edges;
    long[] oldSeen = seen;
    allocate(capacity);
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] == EMPTY) continue;
      int slot = ~find(oldKeys[i]);
      keys[slot] = oldKeys[i];
      edges[slot] = oldEdges[i];
      seen[slot] = oldSeen[i];
      size++;
    }
  }

  private void allocate(int capacity) {
    keys = new long[capacity];
    edges = new int[capacity];
    seen = new long[capacity];
    size = 0;
  }

  private static int capacityFor(int entries) {
    int capacity = MIN_CAPACITY;
    while (entries * 2 > capacity) capacity *= 2;
    return capacity;
  }

  private static int home(long key, int mask) {
    return (int) (key ^ (key >>> 32)) & mask;
  }

  private static long stored(long key) {
    return key == EMPTY ? 1 : key;
  }
}
