package org.telcocdn.cache.sim;

import java.util.SplittableRandom;
import org.telcocdn.cache.policy.VideoIds;

/**
 * One viewer's session in a {@link FlashCrowdWorkload}: the segments it asks for, when, and at
 * which rendition, by the rules of {@link VideoWorkload} (retention hazard, an ABR target reached
 * after a 3-segment start-up at most on step 1, a 2 % chance a segment to step). A viewer of a live
 * stream joins at the live edge (the segment being published) and follows it; live viewers stay
 * longer (a stop hazard of 0.3 % a segment, about 22 minutes on average) and stop when the stream
 * ends.
 */
final class Viewer {
  private static final double LIVE_HAZARD = 0.003;

  final int site;
  final int title;
  private final int length;
  private final boolean live;
  private final int target;
  private int rendition;
  private int index;
  private int played;
  double next;

  Viewer(
      SplittableRandom random,
      int site,
      int title,
      double start,
      int length,
      int firstIndex,
      boolean live) {
    this.site = site;
    this.title = title;
    this.length = length;
    this.live = live;
    this.target = pick(random, ViewingSession.ABR_MIX);
    this.rendition = Math.min(target, 1);
    this.index = firstIndex;
    this.next = start;
  }

  long id() {
    return VideoIds.pack(title, rendition, index);
  }

  long size() {
    return ViewingSession.segmentSize(title, rendition, index);
  }

  /** Moves to the next segment; false when the viewer stops. */
  boolean advance(SplittableRandom random) {
    index++;
    played++;
    double hazard = live ? LIVE_HAZARD : ViewingSession.hazard(played);
    if (index >= length || random.nextDouble() < hazard) return false;
    rendition = played < 3 ? Math.min(target, 1) : adapt(random);
    next += ViewingSession.SEGMENT_SECONDS;
    return true;
  }

  private int adapt(SplittableRandom random) {
    if (played == 3) return target;
    double u = random.nextDouble();
    if (u < 0.01) return Math.max(0, rendition - 1);
    if (u < 0.02) return Math.min(ViewingSession.LADDER.length - 1, rendition + 1);
    return rendition;
  }

  static int pick(SplittableRandom random, double[] weights) {
    double u = random.nextDouble();
    for (int i = 0; i < weights.length; i++) if ((u -= weights[i]) < 0) return i;
    return weights.length - 1;
  }
}
