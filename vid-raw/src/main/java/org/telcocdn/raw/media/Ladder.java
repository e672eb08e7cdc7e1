package org.telcocdn.raw.media;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Chooses the renditions for one source. Never upscales: only configured heights at or below the
 * source's are used, and when fewer than {@value #MIN_RUNGS} fit (a small source), the source
 * height and fractions of it fill the ladder so that a player always has something to switch
 * between.
 */
public final class Ladder {
  static final int MIN_RUNGS = 3;

  /**
   * Video bitrates per height, in the range of common streaming ladders (e.g. Apple's HLS
   * guidelines).
   */
  private static final NavigableMap<Integer, Integer> KBPS =
      new TreeMap<>(
          java.util.Map.of(1080, 5000, 720, 2800, 480, 1400, 360, 800, 240, 400, 144, 200));

  private Ladder() {}

  public static List<Rung> plan(
      List<Integer> configuredHeights, int sourceWidth, int sourceHeight) {
    List<Integer> heights =
        new ArrayList<>(
            configuredHeights.stream()
                .filter(h -> h <= sourceHeight)
                .map(Ladder::even)
                .distinct()
                .sorted((a, b) -> b - a)
                .toList());
    if (heights.size() < MIN_RUNGS) fill(heights, even(sourceHeight));
    return heights.stream().map(h -> rung(h, sourceWidth, sourceHeight)).toList();
  }

  private static void fill(List<Integer> heights, int source) {
    if (!heights.contains(source)) heights.addFirst(source);
    while (heights.size() < MIN_RUNGS) {
      int smallest = heights.getLast();
      int next = even(smallest * 2 / 3);
      if (next >= smallest) return; // a source a few pixels high: nothing smaller to offer
      heights.addLast(next);
    }
  }

  private static Rung rung(int height, int sourceWidth, int sourceHeight) {
    int width = even((int) Math.round((double) sourceWidth * height / sourceHeight));
    return new Rung(height + "p", width, height, kbps(height));
  }

  /** The bitrate of the nearest listed height at or below, scaled by pixel count. */
  public static int kbps(int height) {
    var floor = KBPS.floorEntry(height);
    if (floor == null) floor = KBPS.firstEntry();
    double scale = (double) height * height / ((double) floor.getKey() * floor.getKey());
    return Math.max(100, (int) Math.round(floor.getValue() * Math.min(scale, 1.5)));
  }

  private static int even(int n) {
    return Math.max(2, n - (n % 2));
  }
}
