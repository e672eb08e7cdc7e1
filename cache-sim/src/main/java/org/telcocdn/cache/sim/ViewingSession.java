package org.telcocdn.cache.sim;

import java.util.SplittableRandom;
import org.telcocdn.cache.policy.VideoIds;

/**
 * One viewer watching one title, segment after segment: starts at segment 0 (10 % resume at a
 * random point), abandons along an audience-retention curve (a stop hazard of 6 % per segment in
 * the first 30 s, 1.5 % to 5 min, 0.3 % after; always at the title's end), and plays a 5-step
 * ladder (200 kB to 3 MB per segment, ±25 % per segment) with a target rendition drawn from an ABR
 * mix, the first 3 segments at most at step 1 (start-up) and a 2 % chance per segment to step up or
 * down. Its draws come from the generator it is given, in a fixed order.
 */
public final class ViewingSession {
  public static final int SEGMENT_SECONDS = 4;
  static final long[] LADDER = {200_000, 400_000, 750_000, 1_500_000, 3_000_000};
  static final double[] ABR_MIX = {0.05, 0.10, 0.20, 0.35, 0.30};

  private final int title;
  private final int length;
  private final int target;
  private int rendition;
  private int index;
  private int played;
  private double next;

  /** Whatever the caller tags the session with (its edge, its viewer's site). */
  private int tag;

  /** Draws the target rendition and the start position; the first request is at {@code start}. */
  public ViewingSession(int title, int length, double start, SplittableRandom random) {
    this.title = title;
    this.length = length;
    this.target = pick(ABR_MIX, random);
    this.index = random.nextDouble() < 0.1 ? random.nextInt(length) : 0;
    this.next = start;
    this.rendition = Math.min(target, 1);
  }

  public int title() {
    return title;
  }

  public int index() {
    return index;
  }

  public int rendition() {
    return rendition;
  }

  /** When its next segment is requested, in seconds. */
  public double next() {
    return next;
  }

  public int tag() {
    return tag;
  }

  public void tag(int value) {
    tag = value;
  }

  /** The id of the segment requested now ({@link VideoIds#pack}). */
  public long id() {
    return VideoIds.pack(title, rendition, index);
  }

  /** The size of the segment requested now: its rendition's size, ±25 % by a hash of its id. */
  public long size() {
    return segmentSize(title, rendition, index);
  }

  /**
   * A segment's size: its rendition's step of the ladder, ±25 % by a hash of its id, fixed per
   * object.
   */
  static long segmentSize(int title, int rendition, int index) {
    long h = VideoIds.pack(title, rendition, index) * 0x9E3779B97F4A7C15L;
    double jitter = 0.75 + 0.5 * ((h >>> 11) * 0x1.0p-53);
    return (long) (LADDER[rendition] * jitter);
  }

  /** Moves to the next segment; false when the viewer stops. */
  public boolean advance(SplittableRandom random) {
    index++;
    played++;
    if (index >= length || random.nextDouble() < hazard(played)) return false;
    rendition = played < 3 ? Math.min(target, 1) : adapt(random);
    next += SEGMENT_SECONDS;
    return true;
  }

  private int adapt(SplittableRandom random) {
    if (played == 3) return target;
    double u = random.nextDouble();
    if (u < 0.01) return Math.max(0, rendition - 1);
    if (u < 0.02) return Math.min(LADDER.length - 1, rendition + 1);
    return rendition;
  }

  static double hazard(int played) {
    return played < 8 ? 0.06 : played < 75 ? 0.015 : 0.003;
  }

  private static int pick(double[] weights, SplittableRandom random) {
    double u = random.nextDouble();
    for (int i = 0; i < weights.length; i++) if ((u -= weights[i]) < 0) return i;
    return weights.length - 1;
  }
}
