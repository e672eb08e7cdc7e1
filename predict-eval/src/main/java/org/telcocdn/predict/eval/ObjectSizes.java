package org.telcocdn.predict.eval;

import java.util.Arrays;
import org.telcocdn.cache.policy.VideoIds;
import org.telcocdn.cache.sim.Trace;

/**
 * The size of every object of a trace (its first size), for the objects a prefetch places before
 * any request asked for them. An object the trace never requests gets the mean size of its
 * rendition: it is waste whatever its size, and the mean is what fetching it would have cost.
 * Sorted primitive arrays, so a trace of millions of objects costs 16 bytes each.
 */
final class ObjectSizes {
  private final long[] ids;
  private final long[] sizes;
  private final double[] renditionMean = new double[16];

  ObjectSizes(Trace trace) {
    long[] all = new long[trace.length()];
    for (int i = 0; i < all.length; i++) all[i] = trace.id(i);
    long[] distinct = Arrays.stream(all).sorted().distinct().toArray();
    this.ids = distinct;
    this.sizes = new long[distinct.length];
    double[] sum = new double[16];
    long[] count = new long[16];
    for (int i = trace.length() - 1; i >= 0; i--) { // backwards: the first size wins
      sizes[Arrays.binarySearch(ids, trace.id(i))] = trace.size(i);
    }
    for (int i = 0; i < ids.length; i++) {
      if (!VideoIds.isSegment(ids[i])) continue;
      int r = VideoIds.shape(ids[i]).rendition();
      sum[r] += sizes[i];
      count[r]++;
    }
    for (int r = 0; r < 16; r++) renditionMean[r] = count[r] == 0 ? 0 : sum[r] / count[r];
  }

  long of(long id) {
    int i = Arrays.binarySearch(ids, id);
    if (i >= 0) return sizes[i];
    return VideoIds.isSegment(id) ? Math.round(renditionMean[VideoIds.shape(id).rendition()]) : 0;
  }
}
