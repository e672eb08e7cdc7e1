package org.telcocdn.cli.national;

import java.util.BitSet;
import java.util.function.Consumer;
import org.telcocdn.cache.policy.CachePolicy;
import org.telcocdn.cache.policy.PolicyName;
import org.telcocdn.cache.policy.VideoIds;

/**
 * One cache of the replay: a real policy instance of {@code cache-policy} (vpop by default, as the
 * edge's disk tier runs it), and what it would tell the cache index. An edge's {@code IndexLink}
 * compares the titles its disk holds with what it last reported, once a second, and sends the
 * difference as one {@code ReportHoldings}: so a report is due for a second in which some title
 * came to be held or ceased to be, and a title admitted and gone again within the second is none.
 */
final class TierCache {
  /** A guess of the mean segment size (the ladder's mix): sizes the policy's ghost tables only. */
  static final long MEAN_SEGMENT = 1_500_000;

  private final CachePolicy<Long> policy;

  /** Resident objects per title. */
  private final int[] objects;

  /** Titles whose held state changed since the last report. */
  private final BitSet changed = new BitSet();

  private final Consumer<Long> evicted = this::evicted;

  TierCache(String policyName, long capacityBytes, int titles) {
    this.policy = PolicyName.of(policyName).create(capacityBytes, MEAN_SEGMENT, VideoIds.SHAPE);
    this.objects = new int[titles];
  }

  /** A request: true on a hit (the policy records it), false on a miss (then {@link #fill} it). */
  boolean lookup(Long id) {
    if (!policy.contains(id)) return false;
    policy.onHit(id);
    return true;
  }

  /** The object fetched for a miss, offered to the policy, which may refuse it or evict for it. */
  void fill(Long id, long size) {
    if (policy.onMiss(id, size, evicted) && objects[VideoIds.title(id)]++ == 0)
      changed.flip(VideoIds.title(id));
  }

  private void evicted(Long id) {
    if (--objects[VideoIds.title(id)] == 0) changed.flip(VideoIds.title(id));
  }

  /** Titles in the report due now (0: no report), and the next report starts from here. */
  int report() {
    int titles = changed.cardinality();
    changed.clear();
    return titles;
  }

  boolean reportDue() {
    return !changed.isEmpty();
  }
}
