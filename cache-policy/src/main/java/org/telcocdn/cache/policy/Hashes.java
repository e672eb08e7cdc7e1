package org.telcocdn.cache.policy;

import java.nio.charset.StandardCharsets;

/** 64-bit mixing for sketch indices and rendezvous scores (the finaliser of SplitMix64). */
public final class Hashes {
  private Hashes() {}

  public static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /**
   * A key's 64-bit fingerprint for the ghosts: a numeric id (the simulator's keys) spread whole,
   * any other key its 32-bit hash spread (two keys clash with odds of one in four billion: a false
   * ghost hit, harmless). Folding a long to 32 bits first would make packed segment ids of
   * different titles clash systematically.
   */
  public static long fingerprint(Object key) {
    return key instanceof Long id ? mix(id) : mix(key.hashCode());
  }

  /** FNV-1a over UTF-8, then mixed: stable across runs, unlike String.hashCode's 32 bits. */
  public static long of(String s) {
    long h = 0xCBF29CE484222325L;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xFF;
      h *= 0x100000001B3L;
    }
    return mix(h);
  }
}
