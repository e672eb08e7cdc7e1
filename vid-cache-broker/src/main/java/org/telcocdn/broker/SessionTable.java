package org.telcocdn.broker;

import java.util.function.IntConsumer;

/**
 * One stripe of the session table: open addressing with linear probing over three parallel primitive
 * arrays (session hash, edge id, last seen), so a session costs the collector nothing.
 *
 * <p>Why not a map of objects: the broker keeps every session of the last 30 s, up to a million at
 * tens of thousands of new sessions a second. As objects, each new session survived several young
 * collections and was copied at each one: that copying was most of the broker's GC pauses and so of
 * its p99. Here a session is 20 bytes in arrays that live in the old generation.
 *
 * <p>Keys are 64-bit hashes of the session key; two sessions whose hashes collide would share an
 * edge, which only affects where they are routed, with odds of about 10^-7 at a million sessions.
 * Key 0 marks an empty slot and 1 a removed one (a tombstone, reused by later inserts), so hashes 0
 * and 1 are stored as 2. A sweep only marks tombstones; the arrays are rebuilt, which allocates, only
 * when live entries and tombstones fill three quarters of them. Not thread-safe: {@link SessionLoad}
 * locks each stripe.
 */
final class SessionTable {
  private static final int MIN_CAPACITY = 16;
  private static final long EMPTY = 0;
  private static final long REMOVED = 1;

  private long[] keys;
  private int[] edges;
  private long[] seen;
  private int size;
  private int removed;

  SessionTable() {
    allocate(MIN_CAPACITY);
  }

  /** The edge id of the session if it was seen at or after {@code oldestLive}, or -1. */
  int edge(long key, long oldestLive) {
    int slot = find(stored(key));
    return slot >= 0 && seen[slot] >= oldestLive ? edges[slot] : -1;
  }

  /**
   * Records that the session is on {@code edge} now; returns the edge it was counted on before (live
   * or not yet swept), or -1 for a new session.
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
    if ((size + removed + 1) * 4 > keys.length * 3) {
      rehash(size + 1);
      slot = find(key);
    }
    slot = ~slot;
    if (keys[slot] == REMOVED) removed--;
    keys[slot] = key;
    edges[slot] = edge;
    seen[slot] = now;
    size++;
    return -1;
  }

  /** Removes sessions last seen before {@code oldestLive}, handing each one's edge to {@code expired}. */
  void sweep(long oldestLive, IntConsumer expired) {
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] == EMPTY || keys[i] == REMOVED || seen[i] >= oldestLive) continue;
      expired.accept(edges[i]);
      keys[i] = REMOVED;
      size--;
      removed++;
    }
    if (size * 8 < keys.length && keys.length > MIN_CAPACITY) rehash(size);
  }

  int size() {
    return size;
  }

  /**
   * The slot of {@code key}, or the bitwise complement of the slot where it would go: the first
   * tombstone on its probe path, else the empty slot that ends it.
   */
  private int find(long key) {
    int mask = keys.length - 1;
    int slot = (int) (key ^ (key >>> 32)) & mask;
    int firstRemoved = -1;
    while (true) {
      long k = keys[slot];
      if (k == key) return slot;
      if (k == EMPTY) return ~(firstRemoved >= 0 ? firstRemoved : slot);
      if (k == REMOVED && firstRemoved < 0) firstRemoved = slot;
      slot = (slot + 1) & mask;
    }
  }

  /** Rebuilds the arrays without tombstones, sized for {@code entries} at most half full. */
  private void rehash(int entries) {
    int capacity = MIN_CAPACITY;
    while (entries * 2 > capacity) capacity *= 2;
    long[] oldKeys = keys;
    int[] oldEdges = edges;
    long[] oldSeen = seen;
    allocate(capacity);
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] == EMPTY || oldKeys[i] == REMOVED) continue;
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
    removed = 0;
  }

  private static long stored(long key) {
    return key == EMPTY || key == REMOVED ? 2 : key;
  }
}
