package org.telcocdn.cli.national;

/**
 * Everything the replay counts, per tier: the edges, the regional (mid-tier) caches, the origin,
 * and the broker's decisions per second of the day. Regions are replayed apart and their tallies
 * added.
 */
final class Tally {
  static final int DAY = 86_400;

  final TierCounts edge = new TierCounts();
  final TierCounts regional = new TierCounts();
  long originRequests;
  long originBytes;
  final long[] originBytesPerSecond = new long[DAY];

  /**
   * Broker decisions per second: one per session started (the player's /play; no failure re-routes
   * a session in this day).
   */
  final long[] decisions = new long[DAY];

  long sessions;
  long segmentRequests;

  synchronized void add(Tally o) {
    edge.add(o.edge);
    regional.add(o.regional);
    originRequests += o.originRequests;
    originBytes += o.originBytes;
    sessions += o.sessions;
    segmentRequests += o.segmentRequests;
    for (int i = 0; i < DAY; i++) {
      originBytesPerSecond[i] += o.originBytesPerSecond[i];
      decisions[i] += o.decisions[i];
    }
  }

  /** The mean of {@code perSecond} over the seconds from {@code from}. */
  static double mean(long[] perSecond, int from) {
    long sum = 0;
    for (int i = from; i < perSecond.length; i++) sum += perSecond[i];
    return sum / (double) (perSecond.length - from);
  }

  static long peak(long[] perSecond, int from) {
    long max = 0;
    for (int i = from; i < perSecond.length; i++) max = Math.max(max, perSecond[i]);
    return max;
  }
}
