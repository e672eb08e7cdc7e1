package org.telcocdn.cli.national;

/**
 * What one tier of caches did: requests and bytes asked of it and served from it (after the
 * warm-up), and the holdings reports its caches sent to the index, per second of the day.
 */
final class TierCounts {
  long requests;
  long bytes;
  long hits;
  long hitBytes;

  /** Reports (one Raft write each) per second of the day. */
  final long[] reports = new long[Tally.DAY];

  /** Titles named in them, admitted or evicted. */
  long reportedTitles;

  void request(long size, boolean hit) {
    requests++;
    bytes += size;
    if (hit) {
      hits++;
      hitBytes += size;
    }
  }

  double byteHitRatio() {
    return bytes == 0 ? 0 : hitBytes / (double) bytes;
  }

  double hitRatio() {
    return requests == 0 ? 0 : hits / (double) requests;
  }

  void add(TierCounts o) {
    requests += o.requests;
    bytes += o.bytes;
    hits += o.hits;
    hitBytes += o.hitBytes;
    reportedTitles += o.reportedTitles;
    for (int i = 0; i < reports.length; i++) reports[i] += o.reports[i];
  }
}
