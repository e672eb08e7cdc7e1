package org.telcocdn.cache.sim;

import java.util.Arrays;
import java.util.HashMap;

/**
 * A request trace held in memory as parallel arrays (time in seconds, object id, object size in
 * bytes), the shape every reader produces and the simulator replays. A trace of several sites also
 * carries each request's site (0 to 127); a trace without that column is one site, 0.
 */
public final class Trace {
  private final long[] times;
  private final long[] ids;
  private final long[] sizes;
  private final byte[] sites;
  private final int length;
  private long workingSetBytes = -1;
  private int distinctObjects;

  Trace(long[] times, long[] ids, long[] sizes, byte[] sites, int length) {
    this.times = times;
    this.ids = ids;
    this.sizes = sizes;
    this.sites = sites;
    this.length = length;
  }

  public int length() {
    return length;
  }

  public long time(int i) {
    return times[i];
  }

  public long id(int i) {
    return ids[i];
  }

  public long size(int i) {
    return sizes[i];
  }

  /** The site of request {@code i}: 0 in a trace without a site column. */
  public int site(int i) {
    return sites == null ? 0 : sites[i];
  }

  /** Whether the trace names a site per request (the generator's {@code sites} kind). */
  public boolean hasSites() {
    return sites != null;
  }

  /** The number of sites: one more than the highest site named, 1 without a site column. */
  public int siteCount() {
    int max = 0;
    for (int i = 0; sites != null && i < length; i++) max = Math.max(max, sites[i]);
    return max + 1;
  }

  /** Bytes of every distinct object, each counted once at its first size. */
  public long workingSetBytes() {
    census();
    return workingSetBytes;
  }

  public int distinctObjects() {
    census();
    return distinctObjects;
  }

  public long meanObjectSize() {
    return workingSetBytes() / Math.max(1, distinctObjects());
  }

  private void census() {
    if (workingSetBytes >= 0) return;
    HashMap<Long, Long> seen = new HashMap<>();
    long bytes = 0;
    for (int i = 0; i < length; i++) {
      if (seen.putIfAbsent(ids[i], sizes[i]) == null) bytes += sizes[i];
    }
    distinctObjects = seen.size();
    workingSetBytes = bytes;
  }

  /** For each request, the index of the next request for the same object, or -1. */
  public int[] nextUse() {
    int[] next = new int[length];
    HashMap<Long, Integer> later = new HashMap<>();
    for (int i = length - 1; i >= 0; i--) {
      Integer j = later.put(ids[i], i);
      next[i] = j == null ? -1 : j;
    }
    return next;
  }

  /** Collects requests in order. */
  public static final class Builder {
    private long[] times = new long[1024];
    private long[] ids = new long[1024];
    private long[] sizes = new long[1024];
    private byte[] sites;
    private int length;

    public Builder add(long time, long id, long size) {
      if (length == ids.length) {
        int grown = length * 2;
        times = Arrays.copyOf(times, grown);
        ids = Arrays.copyOf(ids, grown);
        sizes = Arrays.copyOf(sizes, grown);
        if (sites != null) sites = Arrays.copyOf(sites, grown);
      }
      times[length] = time;
      ids[length] = id;
      sizes[length] = size;
      if (sites != null) sites[length] = 0;
      length++;
      return this;
    }

    /** A request at {@code site} (0 to 127); requests added without one are at site 0. */
    public Builder add(long time, long id, long size, int site) {
      if (site < 0 || site > Byte.MAX_VALUE)
        throw new IllegalArgumentException("site must be 0 to 127, was " + site);
      if (sites == null) sites = new byte[ids.length];
      add(time, id, size);
      sites[length - 1] = (byte) site;
      return this;
    }

    public int length() {
      return length;
    }

    public Trace build() {
      return new Trace(times, ids, sizes, sites, length);
    }
  }
}
