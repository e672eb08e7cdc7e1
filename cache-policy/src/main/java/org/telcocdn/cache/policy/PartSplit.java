package org.telcocdn.cache.policy;

/**
 * How vpop divides its budget between its two parts, the segments (valued by their title's
 * popularity) and the other objects (playlists, init segments, posters, any origin's objects, run
 * as S3-FIFO). Neither part's values mean anything to the other, so they do not compete object by
 * object: each part has a target share of the bytes, and room is made in the part that is over its
 * target.
 *
 * <p>The target moves with the ghosts (ARC's adaptation, Megiddo and Modha, FAST'03; Cliffhanger's
 * shadow queues for memory split between classes, Cidon et al., NSDI'16). Each part has a {@link
 * Ghost} of the last {@code capacity} bytes it evicted. A miss found in a part's ghost is a hit
 * that part would have had with more bytes, so its target grows by the object's size and the
 * other's shrinks by as much. Both ghosts cover the same bytes, so the split settles where a byte
 * more is worth as many hit bytes to either part: the split that minimises missed bytes, whatever
 * the traffic's mix. A part keeps getting evicted objects into its ghost even when its target is
 * zero, so a class whose traffic returns wins its bytes back: neither starves the other for good.
 *
 * <p>With one class of traffic only, the other part is empty and every eviction comes from the one
 * part: vpop is then exactly its segment policy on a video trace and exactly S3-FIFO on a general
 * one. The ghosts are fed only while both parts hold objects, so then they cost no memory either.
 */
final class PartSplit {
  private final long capacity;
  private final Ghost segments;
  private final Ghost others;

  /** The bytes the other objects may hold; the segments' target is the rest. */
  private long othersTarget;

  /**
   * @param expectedObjects about how many objects the budget holds; sizes the ghosts' tables, which
   *     remember as many bytes as the budget
   */
  PartSplit(long capacity, long expectedObjects) {
    this.capacity = capacity;
    this.othersTarget = capacity / 2; // no evidence yet for either part
    this.segments = new Ghost(expectedObjects, capacity);
    this.others = new Ghost(expectedObjects, capacity);
  }

  /**
   * A miss of {@code size} bytes: if its part evicted it within the ghost's bytes, that part grows.
   */
  void missed(boolean segment, long fingerprint, long size) {
    if (segment && segments.take(fingerprint)) othersTarget = Math.max(0, othersTarget - size);
    if (!segment && others.take(fingerprint))
      othersTarget = Math.min(capacity, othersTarget + size);
  }

  void evicted(boolean segment, long fingerprint, long size) {
    (segment ? segments : others).add(fingerprint, size);
  }

  /**
   * Whether the next victim comes from the segments: from the other part if it is over its target,
   * else from the newcomer's own part; from whichever part holds anything if one is empty.
   */
  boolean evictSegment(boolean newcomerIsSegment, long segmentBytes, long otherBytes) {
    if (segmentBytes == 0) return false;
    if (otherBytes == 0) return true;
    return newcomerIsSegment ? otherBytes <= othersTarget : segmentBytes > capacity - othersTarget;
  }

  long othersTarget() {
    return othersTarget;
  }
}
