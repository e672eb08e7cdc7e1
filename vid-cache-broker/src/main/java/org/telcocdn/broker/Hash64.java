package org.telcocdn.broker;

import java.nio.charset.StandardCharsets;

/**
 * The 64-bit hash that places edges and video ids on the ring: FNV-1a over the UTF-8 bytes, then
 * MurmurHash3's {@code fmix64} finalizer. FNV-1a alone mixes short, similar strings ("edge-1#17",
 * "edge-1#18") poorly in the high bits, which is where ring order is decided; the finalizer gives
 * every input bit an avalanche on every output bit, so virtual nodes spread evenly. {@link
 * String#hashCode()} would be neither 64-bit nor well mixed, and SHA-256 would cost more for no
 * gain here, since nothing depends on the hash being hard to invert.
 */
final class Hash64 {
  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private Hash64() {}

  static long of(String text) {
    long h = FNV_OFFSET;
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= FNV_PRIME;
    }
    return fmix64(h);
  }

  /** MurmurHash3's finalizer (Austin Appleby, public domain). */
  static long fmix64(long k) {
    k ^= k >>> 33;
    k *= 0xff51afd7ed558ccdL;
    k ^= k >>> 33;
    k *= 0xc4ceb9fe1a85ec53L;
    k ^= k >>> 33;
    return k;
  }
}
