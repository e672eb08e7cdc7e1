package org.telcocdn.predict.signal;

/**
 * Title to slot, an open-addressing table of primitive longs (linear probing, deletion by backward
 * shift), so a lookup per request allocates nothing. Slots are handed out by {@link EdgeSignals}.
 */
final class TitleIndex {
  private static final int FREE = -1;

  private final long[] keys;
  private final int[] slots;
  private final int mask;

  /**
   * @param capacity the most titles held at once; the table is at most half full
   */
  TitleIndex(int capacity) {
    int size = Integer.highestOneBit(Math.max(2, capacity) * 2 - 1) * 2;
    keys = new long[size];
    slots = new int[size];
    mask = size - 1;
    java.util.Arrays.fill(slots, FREE);
  }

  /** The slot of {@code title}, or -1. */
  int get(long title) {
    for (int i = home(title); ; i = (i + 1) & mask) {
      if (slots[i] == FREE) return -1;
      if (keys[i] == title) return slots[i];
    }
  }

  void put(long title, int slot) {
    int i = home(title);
    while (slots[i] != FREE && keys[i] != title) i = (i + 1) & mask;
    keys[i] = title;
    slots[i] = slot;
  }

  void remove(long title) {
    int i = home(title);
    while (true) {
      if (slots[i] == FREE) return;
      if (keys[i] == title) break;
      i = (i + 1) & mask;
    }
    // backward shift: move later entries of the probe run into the hole when their home allows it
    for (int hole = i, j = (i + 1) & mask; ; j = (j + 1) & mask) {
      if (slots[j] == FREE) {
        slots[hole] = FREE;
        return;
      }
      int home = home(keys[j]);
      if (((j - home) & mask) >= ((j - hole) & mask)) {
        keys[hole] = keys[j];
        slots[hole] = slots[j];
        hole = j;
      }
    }
  }

  private int home(long title) {
    long h = title * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32)) & mask;
  }
}
