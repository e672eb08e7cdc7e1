package org.telcocdn.cache.policy;

/**
 * What the audience as a whole does, learned from the requests and aged with the lasting title
 * counts:
 *
 * <ul>
 *   <li>the retention curve, requests at each position per request at position 0, learned apart for
 *       short, medium and long titles (a title's class is the deepest position seen of it), since a
 *       clip's viewers cannot reach position 100 and would drag a film's curve down;
 *   <li>the rendition mix at each of the first positions and after them, since players start low
 *       and climb (ABR start-up), so early segments are mostly requested in low renditions.
 * </ul>
 */
final class AudienceShape {
  private static final int POSITIONS = 4096;
  private static final int[] CLASS_LIMITS = {100, 1000};
  static final int EARLY = 4;

  /** Positions a player spends at its start-up rendition before its ABR picks its own. */
  static final int STARTUP = 3;

  private final long[][] byIndex = new long[CLASS_LIMITS.length + 1][POSITIONS];
  private final long[][] byRendition = new long[EARLY + 1][16];
  private final long[] byStage = new long[EARLY + 1];
  private final TitleStats titles;

  AudienceShape(TitleStats titles) {
    this.titles = titles;
  }

  void record(SegmentKey s) {
    record(s.title(), s.rendition(), s.index());
  }

  void record(long title, int rendition, int index) {
    int c = lengthClass(titles.record(title, index));
    byIndex[c][Math.min(index, POSITIONS - 1)]++;
    int stage = Math.min(index, EARLY);
    byRendition[stage][rendition]++;
    byStage[stage]++;
  }

  private static int lengthClass(int depth) {
    int c = 0;
    while (c < CLASS_LIMITS.length && depth >= CLASS_LIMITS[c]) c++;
    return c;
  }

  /** Requests at {@code index} per request at position 0, for titles like {@code title}. */
  double survival(long title, int index) {
    return survival(curve(title), index);
  }

  /**
   * The retention counts of titles like {@code title}: look it up once, read it for many positions.
   */
  long[] curve(long title) {
    return byIndex[lengthClass(titles.depth(title))];
  }

  static double survival(long[] curve, int index) {
    return curve[0] == 0 ? 0 : (double) curve[Math.min(index, POSITIONS - 1)] / curve[0];
  }

  /** Of the viewers at position {@code from}, the share that reach {@code to} (at most 1). */
  static double reach(long[] curve, int from, int to) {
    long at = curve[Math.min(from, POSITIONS - 1)];
    return at == 0 ? 0 : Math.min(1, (double) curve[Math.min(to, POSITIONS - 1)] / at);
  }

  /** Share of requests at this position that ask for {@code rendition}. */
  double renditionShare(int rendition, int index) {
    int stage = Math.min(index, EARLY);
    return byStage[stage] == 0 ? 0 : (double) byRendition[stage][rendition] / byStage[stage];
  }

  /**
   * Probability that a session at {@code rendition} on position {@code from} asks for {@code to} at
   * position {@code index}: a player past its start-up keeps its rendition; one still in it will
   * climb to the rendition mix learned for that position.
   */
  double sameRendition(int rendition, int from, int to, int index) {
    if (from >= STARTUP || index < STARTUP) return rendition == to ? 1 : 0;
    return renditionShare(to, index);
  }

  void halve() {
    for (long[] curve : byIndex) for (int i = 0; i < POSITIONS; i++) curve[i] >>>= 1;
    for (int s = 0; s <= EARLY; s++) {
      byStage[s] >>>= 1;
      for (int r = 0; r < 16; r++) byRendition[s][r] >>>= 1;
    }
  }
}
