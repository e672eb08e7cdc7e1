package org.telcocdn.predict.signal;

/**
 * The 64-bit key {@link EdgeSignals} and {@link CrossSite} know a title by, from its video id: the
 * same on every edge and on the controller, so the sites' reports about one title meet. FNV-1a over
 * the id's characters, then a final mix (SplitMix64's) so that ids differing in one character land
 * far apart in {@link TitleIndex}'s open addressing. Ids are at most 64 characters (VideoId): two
 * ids of one catalog share a key with odds of about n²/2⁶⁵, which a catalog of a million titles
 * does not approach.
 */
public final class TitleKeys {
  private static final long OFFSET = 0xcbf29ce484222325L;
  private static final long PRIME = 0x100000001b3L;

  private TitleKeys() {}

  public static long of(CharSequence videoId) {
    long h = OFFSET;
    for (int i = 0; i < videoId.length(); i++) {
      h ^= videoId.charAt(i);
      h *= PRIME;
    }
    h ^= h >>> 30;
    h *= 0xbf58476d1ce4e5b9L;
    h ^= h >>> 27;
    h *= 0x94d049bb133111ebL;
    return h ^ (h >>> 31);
  }
}
