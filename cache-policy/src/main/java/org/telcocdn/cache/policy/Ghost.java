package org.telcocdn.cache.policy;

/**
 * The objects a cache (or one part of it) evicted last, as fingerprints: those among the last
 * {@code coverage} bytes it evicted. A request whose key is still here would have been a hit in a
 * cache larger by {@code coverage} bytes: the signal of S3-FIFO's ghost queue, ARC's ghost lists
 * and Cliffhanger's shadow queues (Cidon et al., NSDI'16).
 *
 * <p>Fixed memory, whatever the object sizes: a table of {@code 2^k} slots of two longs, a
 * fingerprint and a stamp (the bytes evicted before it), in buckets of {@value #WAYS} slots (one
 * 64-byte cache line). An eviction takes its key's slot, else an empty one, else the oldest of the
 * bucket. No list to walk, nothing allocated per eviction: an entry expires by the stamps alone, as
 * the S3-FIFO paper suggests for its ghost. When more objects are evicted within the coverage than
 * the table holds, the oldest are forgotten first: the ghost covers fewer bytes, never more memory.
 * The table is allocated at the first eviction, so a ghost nobody feeds costs nothing.
 *
 * <table>
 *   <caption>Limits</caption>
 *   <tr><th>limit</th><th>value</th></tr>
 *   <tr><td>slots</td><td>2 to 4 per expected entry, rounded to a power of two, {@value #MIN_SLOTS} to {@value #MAX_SLOTS}</td></tr>
 *   <tr><td>memory</td><td>16 bytes per slot: 64 KiB to 32 MiB</td></tr>
 *   <tr><td>false hits</td><td>a 64-bit fingerprint clash: never in practice for the fingerprints of {@link Hashes#fingerprint}</td></tr>
 * </table>
 */
final class Ghost {
  static final int WAYS = 4;
  static final int MIN_SLOTS = 1 << 12;
  static final int MAX_SLOTS = 1 << 21;

  private final int slots;
  private long[] table;
  private long coverage;

  /** Bytes evicted so far: the clock of the stamps. */
  private long clock;

  /**
   * @param expectedEntries about how many objects the coverage holds
   */
  Ghost(long expectedEntries, long coverage) {
    this.slots =
        (int)
            Math.min(
                MAX_SLOTS,
                Math.max(MIN_SLOTS, Long.highestOneBit(Math.max(1, expectedEntries) * 4 - 1)));
    this.coverage = coverage;
  }

  /**
   * Changes how many of the last evicted bytes are remembered (the part it shadows was resized).
   */
  void coverage(long bytes) {
    this.coverage = bytes;
  }

  /** Remembers an object just evicted. */
  void add(long fingerprint, long size) {
    if (table == null) table = new long[slots * 2];
    long print = nonZero(fingerprint);
    int chosen = slotFor(print);
    table[chosen] = print;
    table[chosen + 1] = clock; // the bytes before it: it stays while it and those after it fit
    clock += size;
  }

  /** The key's own slot in its bucket, else an empty one, else the oldest. */
  private int slotFor(long print) {
    int base = bucket(print);
    int oldest = base;
    int empty = -1;
    for (int at = base; at < base + 2 * WAYS; at += 2) {
      if (table[at] == print) return at;
      if (table[at] == 0 && empty < 0) empty = at;
      if (table[at + 1] < table[oldest + 1]) oldest = at;
    }
    return empty >= 0 ? empty : oldest;
  }

  /** Whether the object was evicted within the coverage; it is forgotten either way. */
  boolean take(long fingerprint) {
    if (table == null) return false;
    long print = nonZero(fingerprint);
    int base = bucket(print);
    for (int at = base; at < base + 2 * WAYS; at += 2) {
      if (table[at] != print) continue;
      boolean live = clock - table[at + 1] <= coverage;
      table[at] = 0;
      table[at + 1] = 0;
      return live;
    }
    return false;
  }

  private int bucket(long print) {
    return ((int) (print >>> 32) & (slots / WAYS - 1)) * 2 * WAYS;
  }

  /** 0 marks an empty slot. */
  private static long nonZero(long fingerprint) {
    return fingerprint == 0 ? 1 : fingerprint;
  }
}
