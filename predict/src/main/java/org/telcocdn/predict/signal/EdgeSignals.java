package org.telcocdn.predict.signal;

import java.util.Arrays;

/**
 * What one edge knows of each title from its own request stream, folded every {@value
 * #TICK_SECONDS} seconds into a {@link Feature} vector per title requested in that tick.
 *
 * <p>Cost and memory. A request costs one table lookup and a few increments (no allocation): counts
 * go into the tick's bins. At the end of a tick, each title touched in it has its decayed counters
 * caught up (one {@code exp} per window for the ticks it was idle), its features computed into one
 * reused array and handed to the {@link Listener}. Titles are held in at most {@code capacity}
 * slots of primitive arrays (about 200 bytes each); a slot idle for two hours is freed by a sweep
 * every five minutes, and while every slot is taken a new title is not tracked (counted in {@link
 * #untracked()}), so memory never grows with the catalog.
 *
 * <p>Not thread-safe: one caller feeds requests and ticks (the edge's access-log path in the live
 * system, the replay offline).
 */
public final class EdgeSignals {
  public static final int TICK_SECONDS = 5;
  static final int IDLE_TICKS = 2 * 3600 / TICK_SECONDS;
  private static final int SWEEP_TICKS = 300 / TICK_SECONDS;

  /**
   * Positions 0 to 2: what a new session asks for before its player leaves its start-up rendition.
   */
  static final int FIRST_POSITIONS = 3;

  /** Receives the features of every title requested in a tick, at the tick's end. */
  public interface Listener {
    /**
     * @param features valid during the call only (reused)
     */
    void onTitle(int slot, long title, long now, float[] features);
  }

  /** CMCD of one request, when the player sent it (CTA-5004: st=l, su, bl, sid). */
  public record Cmcd(boolean live, boolean startup, int bufferMillis, long sessionHash) {}

  private final int capacity;
  private final TitleIndex index;
  private final Listener listener;
  private final long[] titles;
  private final int[] generation;
  private final long[] firstSeen;
  private final long[] lastTick;
  private final long[] markedTick;
  private final long[] requestsSoFar;
  private final Windows windows;
  private final Surprise surprise;
  private final Surprise startsSurprise;
  private double lastSurprise;
  private double lastStartsSurprise;
  private final int site;
  private final CrossSite crossSite;
  private final long[] sessionBits;
  private final long[] sessionMinute;
  private final int[] touched;
  private int touchedCount;
  private final int[] free;
  private int freeCount;
  private long tick = Long.MIN_VALUE;
  private long untracked;
  private double edge1m;
  private double edge10m;
  private int edgeBin;
  private final float[] features = new float[Feature.COUNT];

  public EdgeSignals(int capacity, Listener listener) {
    this(capacity, listener, 0, null);
  }

  /**
   * An edge of {@code site} that reports its titles' new-session rates to {@code crossSite} at
   * every tick and reads the other sites' from it (null: alone, the cross-site features are 0).
   */
  public EdgeSignals(int capacity, Listener listener, int site, CrossSite crossSite) {
    this.site = site;
    this.crossSite = crossSite;
    if (capacity < 1)
      throw new IllegalArgumentException("capacity must be positive, was " + capacity);
    this.capacity = capacity;
    this.listener = listener;
    this.index = new TitleIndex(capacity);
    this.titles = new long[capacity];
    this.generation = new int[capacity];
    this.firstSeen = new long[capacity];
    this.lastTick = new long[capacity];
    this.markedTick = new long[capacity];
    Arrays.fill(markedTick, Long.MIN_VALUE);
    this.requestsSoFar = new long[capacity];
    this.windows = new Windows(capacity);
    this.surprise = new Surprise(capacity, 600);
    this.startsSurprise = new Surprise(capacity, 600);
    this.sessionBits = new long[2 * capacity];
    this.sessionMinute = new long[capacity];
    this.touched = new int[capacity];
    this.free = new int[capacity];
    for (int s = 0; s < capacity; s++) free[s] = capacity - 1 - s;
    this.freeCount = capacity;
  }

  public int capacity() {
    return capacity;
  }

  /** A request without CMCD. */
  public void request(long now, long title, int index) {
    request(now, title, index, null);
  }

  /**
   * A request for position {@code index} (0 = a session's first segment) of {@code title} at {@code
   * now} (seconds). Times must not go back; earlier ticks are closed first.
   */
  public void request(long now, long title, int index, Cmcd cmcd) {
    advanceTo(now);
    edgeBin++;
    int slot = slotOf(title, now);
    if (slot < 0) return;
    if (markedTick[slot] != tick) {
      markedTick[slot] = tick;
      touched[touchedCount++] = slot;
    }
    requestsSoFar[slot]++;
    boolean start = index == 0 || (cmcd != null && cmcd.startup());
    windows.count(slot, start, index < FIRST_POSITIONS, cmcd);
    if (cmcd != null && cmcd.sessionHash() != 0) countSession(slot, now, cmcd.sessionHash());
  }

  /** Closes every tick that ended at or before {@code now}. */
  public void advanceTo(long now) {
    long current = Math.floorDiv(now, TICK_SECONDS);
    if (tick == Long.MIN_VALUE) tick = current;
    while (tick < current) closeTick();
  }

  private void closeTick() {
    long end = (tick + 1) * TICK_SECONDS;
    edge1m = edge1m * Windows.KEEP[1] + edgeBin;
    edge10m = edge10m * Windows.KEEP[2] + edgeBin;
    edgeBin = 0;
    for (int i = 0; i < touchedCount; i++) {
      int slot = touched[i];
      long gap = tick - lastTick[slot];
      windows.fold(slot, gap);
      lastSurprise = surprise.next(slot, windows.requestsPerMinute(slot, 1), gap);
      lastStartsSurprise = startsSurprise.next(slot, windows.startsPerMinute(slot, 1), gap);
      if (crossSite != null)
        crossSite.report(site, titles[slot], end, windows.startsPerMinute(slot, 1));
      lastTick[slot] = tick;
      describe(slot, end);
      listener.onTitle(slot, titles[slot], end, features);
    }
    touchedCount = 0;
    tick++;
    if (tick % SWEEP_TICKS == 0) sweep();
  }

  private int slotOf(long title, long now) {
    int slot = index.get(title);
    if (slot >= 0) return slot;
    if (freeCount == 0) {
      untracked++;
      return -1;
    }
    slot = free[--freeCount];
    index.put(title, slot);
    titles[slot] = title;
    generation[slot]++;
    firstSeen[slot] = now;
    lastTick[slot] = tick;
    requestsSoFar[slot] = 0;
    windows.clear(slot);
    sessionBits[2 * slot] = sessionBits[2 * slot + 1] = 0;
    return slot;
  }

  private void sweep() {
    for (int s = 0; s < capacity; s++) {
      if (index.get(titles[s]) == s && tick - lastTick[s] > IDLE_TICKS && markedTick[s] < tick) {
        index.remove(titles[s]);
        free[freeCount++] = s;
      }
    }
  }

  private void countSession(int slot, long now, long sessionHash) {
    long minute = now / 60;
    if (sessionMinute[slot] != minute) {
      sessionBits[2 * slot + 1] = sessionMinute[slot] == minute - 1 ? sessionBits[2 * slot] : 0;
      sessionBits[2 * slot] = 0;
      sessionMinute[slot] = minute;
    }
    sessionBits[2 * slot] |= 1L << (sessionHash & 63);
  }

  /** Distinct sessions of the last one to two minutes, by linear counting over 64 bits. */
  private double sessions(int slot, long now) {
    long minute = now / 60;
    long bits =
        sessionMinute[slot] >= minute - 1 ? sessionBits[2 * slot] | sessionBits[2 * slot + 1] : 0;
    int zeros = 64 - Long.bitCount(bits);
    return zeros == 0 ? 64 * Math.log(64) : -64 * Math.log(zeros / 64.0);
  }

  private void describe(int slot, long now) {
    double r10 = windows.requestsPerMinute(slot, 0);
    double r1 = windows.requestsPerMinute(slot, 1);
    double r10m = windows.requestsPerMinute(slot, 2);
    double s10 = windows.startsPerMinute(slot, 0);
    double s1 = windows.startsPerMinute(slot, 1);
    double s10m = windows.startsPerMinute(slot, 2);
    double e1 = edge1m * Windows.PER_MINUTE[1];
    double e10 = edge10m * Windows.PER_MINUTE[2];
    double ageMinutes = Math.max(0, now - firstSeen[slot]) / 60.0;
    double day = 2 * Math.PI * Math.floorMod(now, 86_400) / 86_400;
    double quarter = 2 * Math.PI * Math.floorMod(now, 900) / 900;
    float[] x = features;
    x[Feature.BIAS.ordinal()] = 1;
    x[Feature.REQUESTS_10S.ordinal()] = (float) Math.log1p(r10);
    x[Feature.REQUESTS_1M.ordinal()] = (float) Math.log1p(r1);
    x[Feature.REQUESTS_10M.ordinal()] = (float) Math.log1p(r10m);
    x[Feature.GROWTH_SHORT.ordinal()] = (float) Math.log((r10 + 1) / (r1 + 1));
    x[Feature.GROWTH_LONG.ordinal()] = (float) Math.log((r1 + 1) / (r10m + 1));
    x[Feature.STARTS_10S.ordinal()] = (float) Math.log1p(s10);
    x[Feature.STARTS_1M.ordinal()] = (float) Math.log1p(s1);
    x[Feature.STARTS_10M.ordinal()] = (float) Math.log1p(s10m);
    x[Feature.STARTS_GROWTH_SHORT.ordinal()] = (float) Math.log((s10 + 0.5) / (s1 + 0.5));
    x[Feature.STARTS_GROWTH_LONG.ordinal()] = (float) Math.log((s1 + 0.5) / (s10m + 0.5));
    x[Feature.FIRST_SEGMENTS.ordinal()] = (float) windows.shareOfMinute(slot, Windows.FIRST);
    x[Feature.START_SHARE.ordinal()] = (float) Math.min(1, s1 / Math.max(r1, 1e-9));
    x[Feature.AGE.ordinal()] = (float) (Math.log1p(ageMinutes) / 5);
    x[Feature.YOUNG.ordinal()] = ageMinutes < 10 ? 1 : 0;
    x[Feature.DAY_SIN.ordinal()] = (float) Math.sin(day);
    x[Feature.DAY_COS.ordinal()] = (float) Math.cos(day);
    x[Feature.QUARTER_SIN.ordinal()] = (float) Math.sin(quarter);
    x[Feature.QUARTER_COS.ordinal()] = (float) Math.cos(quarter);
    x[Feature.SURPRISE.ordinal()] = (float) Math.min(20, lastSurprise);
    x[Feature.SHARE_OF_EDGE.ordinal()] = (float) Math.log((r1 + 1) / (e1 + 1));
    x[Feature.EDGE_GROWTH.ordinal()] = (float) Math.log((e1 + 1) / (e10 + 1));
    x[Feature.CMCD_LIVE.ordinal()] = (float) windows.shareOfMinute(slot, Windows.LIVE);
    x[Feature.CMCD_STARTUP.ordinal()] = (float) windows.shareOfMinute(slot, Windows.STARTUP);
    x[Feature.CMCD_BUFFER.ordinal()] = (float) (windows.meanBufferMillis(slot) / 10_000);
    x[Feature.SESSIONS.ordinal()] = (float) Math.log1p(sessions(slot, now));
    x[Feature.STARTS_SURPRISE.ordinal()] = (float) Math.min(20, lastStartsSurprise);
    x[Feature.ELSEWHERE_NOW.ordinal()] =
        crossSite == null
            ? 0
            : (float) Math.log1p(crossSite.startsElsewhere(site, titles[slot], now));
    x[Feature.ELSEWHERE_PEAK.ordinal()] =
        crossSite == null
            ? 0
            : (float) Math.log1p(crossSite.peakElsewhere(site, titles[slot], now));
  }

  // what detectors and labels read of a slot, as of its last tick

  public double requestsPerMinute1m(int slot) {
    return windows.requestsPerMinute(slot, 1);
  }

  public double requestsPerMinute10m(int slot) {
    return windows.requestsPerMinute(slot, 2);
  }

  /**
   * New sessions a minute over about the last minute (requests for position 0, or with CMCD su).
   */
  public double startsPerMinute1m(int slot) {
    return windows.startsPerMinute(slot, 1);
  }

  public double startsPerMinute10m(int slot) {
    return windows.startsPerMinute(slot, 2);
  }

  /** Requests of the slot in the tick just closed. */
  public int lastTickRequests(int slot) {
    return windows.lastBin(slot);
  }

  /**
   * Ticks since the slot's previous fold, as of the tick just closed (1 when requested in both).
   */
  public long idleTicks(int slot) {
    return windows.lastGap(slot);
  }

  /** Every request of the title since it took the slot: a running count labels subtract. */
  public long requestsSoFar(int slot) {
    return requestsSoFar[slot];
  }

  /** Changes whenever the slot is given to another title, so late readers can tell. */
  public int generation(int slot) {
    return generation[slot];
  }

  public long title(int slot) {
    return titles[slot];
  }

  /** The tick being counted now (time / {@value #TICK_SECONDS}). */
  public long tick() {
    return tick;
  }

  /** Requests of titles that found no free slot. */
  public long untracked() {
    return untracked;
  }

  /** Titles held now. */
  public int titlesHeld() {
    return capacity - freeCount;
  }

  float[] lastFeatures() {
    return Arrays.copyOf(features, features.length);
  }
}
