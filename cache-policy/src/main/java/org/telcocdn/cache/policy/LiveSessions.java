package org.telcocdn.cache.policy;

/**
 * The sessions watching each title right now, inferred from the requests alone (a request carries
 * no session id): a request for position k of a title continues the session last seen at k-1 about
 * one segment duration ago, otherwise it is a new session. A session not heard of for 1.5 segment
 * durations has stopped. The segment duration, in requests (the clock of a policy), is learned from
 * the matched continuations: the running median of their spacing, which follows the day's load.
 *
 * <p>Why: a segment's next request comes either from a session not started yet (the title model's
 * rate) or from a session already watching the title a few positions behind, which will ask for it
 * at a predictable time unless it stops or switches rendition. The second kind is what an online
 * policy can know about the near future; it pays at small caches, where only near hits are worth
 * the disk.
 *
 * <p>One flat table of {@value #SLOTS} slots of {@value #STRIDE} longs (2 MiB), so that a title's
 * sessions are one or two cache lines and no pointer away: the title, its last request's clock and
 * session count, then up to {@value #PER_TITLE} sessions (the stalest is overwritten), each packed
 * as last request clock (40 bits), position (20 bits), rendition (4 bits). Only titles being
 * watched need a slot, so a title hashing onto a slot whose title went quiet takes it over.
 */
final class LiveSessions {
  private static final int SLOTS = 1 << 14;
  private static final int STRIDE = 16;
  static final int PER_TITLE = STRIDE - 2;
  private static final long POSITION_MASK = (1L << 20) - 1;

  /**
   * A session unheard of for this many segment durations has stopped (requests of one segment
   * duration vary by ±15 %).
   */
  private static final double WATCHING = 1.5;

  /** ... but a late request may still continue it, if nothing closer does. */
  private static final double CONTINUES = 4;

  private final long[] table = new long[SLOTS * STRIDE];
  private double spacing = 32;
  private double stay = 0.99;
  private double learnt = 0.99;
  private long stayUpdates;

  /** stay^d at [d], [0] holding the stay it was computed for; refreshed as stay is relearned. */
  private final double[] keepsFor = new double[1024];

  /** Records a request at clock {@code now} (from 1 on). */
  void record(long title, int rendition, int index, long now) {
    int base = base(title);
    int n = table[base] == title ? forget(base, count(table[base + 1]), now) : 0;
    table[base] = title;
    int previous = predecessor(base, n, rendition, index, now);
    if (previous >= 0) {
      long s = table[previous];
      learnSpacing(now - time(s));
      if (position(s) >= AudienceShape.STARTUP) learnStay(rendition(s) == rendition);
    } else {
      previous = n < PER_TITLE ? base + 2 + n++ : stalest(base);
    }
    table[previous] = pack(now, index, rendition);
    table[base + 1] = now << 5 | n;
  }

  /**
   * Drops the sessions too long unheard of to be continued, so that the live ones stay at the front
   * (a title has few at a time): returns how many are left.
   */
  private int forget(int base, int n, long now) {
    for (int i = base + 2; i < base + 2 + n; i++) {
      if (now - time(table[i]) > CONTINUES * spacing) table[i--] = table[base + 2 + --n];
    }
    return n;
  }

  /**
   * The session this request continues: at position index-1, spaced closest to one segment
   * duration.
   */
  private int predecessor(int base, int n, int rendition, int index, long now) {
    int best = -1;
    double bestScore = Double.MAX_VALUE;
    for (int i = base + 2; i < base + 2 + n; i++) {
      long s = table[i];
      long age = now - time(s);
      if (position(s) != index - 1 || age <= 0) continue;
      double score = Math.abs(age - spacing) + (rendition(s) == rendition ? 0 : spacing);
      if (score < bestScore) {
        bestScore = score;
        best = i;
      }
    }
    return best;
  }

  private int stalest(int base) {
    int oldest = base + 2;
    for (int i = base + 3; i < base + STRIDE; i++)
      if (time(table[i]) < time(table[oldest])) oldest = i;
    return oldest;
  }

  private void learnSpacing(long age) {
    spacing = age > spacing ? spacing * 1.01 : spacing / 1.01;
  }

  /**
   * Share of continuations past start-up that keep their rendition (an exponential average, its
   * table of powers refreshed every 4096 updates, since a new one costs 1024 multiplications).
   */
  private void learnStay(boolean kept) {
    learnt += ((kept ? 1 : 0) - learnt) / 4096;
    if (++stayUpdates % 4096 == 0) stay = learnt;
  }

  double spacing() {
    return spacing;
  }

  /**
   * Expected hits per request of clock for segment (title, rendition, index) from the sessions now
   * behind it: each one that will reach it, after w requests with probability q, adds q / w (a hit
   * surely due in w requests is worth as much as a steady rate of 1/w). {@code curve} is the
   * title's retention.
   */
  double followers(
      long title, int rendition, int index, long now, long[] curve, AudienceShape audience) {
    int base = base(title);
    long heard = table[base + 1];
    if (table[base] != title || now - (heard >>> 5) > WATCHING * spacing) return 0;
    double sum = 0;
    for (int i = base + 2, end = base + 2 + count(heard); i < end; i++) {
      long s = table[i];
      long age = now - time(s);
      if (position(s) >= index || age > WATCHING * spacing) continue;
      double w = Math.max(1, (index - position(s)) * spacing - age);
      sum += reach(s, rendition, index, curve, audience) / w;
    }
    return sum;
  }

  /**
   * Probability that the session {@code s} asks for (rendition, index): it goes on watching and
   * keeps to that rendition.
   */
  private double reach(long s, int rendition, int index, long[] curve, AudienceShape audience) {
    int j = position(s);
    double same = audience.sameRendition(rendition(s), j, rendition, index);
    if (same == 0) return 0;
    return AudienceShape.reach(curve, j, index)
        * same
        * (j >= AudienceShape.STARTUP ? keeps(index - j) : 1);
  }

  /**
   * Probability that a player past start-up keeps its rendition for {@code positions} more
   * segments.
   */
  private double keeps(int positions) {
    if (keepsFor[0] != stay) {
      keepsFor[0] = stay;
      for (int d = 1; d < keepsFor.length; d++)
        keepsFor[d] = d == 1 ? stay : keepsFor[d - 1] * stay;
    }
    return keepsFor[Math.min(positions, keepsFor.length - 1)];
  }

  private static int count(long heard) {
    return (int) (heard & 31);
  }

  private static long pack(long now, int index, int rendition) {
    return (now << 24) | ((long) Math.min(index, (int) POSITION_MASK) << 4) | (rendition & 15);
  }

  private static long time(long s) {
    return s >>> 24;
  }

  private static int position(long s) {
    return (int) ((s >>> 4) & POSITION_MASK);
  }

  private static int rendition(long s) {
    return (int) (s & 15);
  }

  private static int base(long title) {
    return (int) (Hashes.mix(title) >>> 50) * STRIDE;
  }
}
