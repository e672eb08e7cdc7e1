package org.telcocdn.predict.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.telcocdn.cache.policy.PolicyName;
import org.telcocdn.cache.policy.VideoIds;
import org.telcocdn.cache.sim.FlashCrowd;
import org.telcocdn.cache.sim.Trace;
import org.telcocdn.predict.prefetch.PrefetchPlan;

/**
 * One site of one edge: a background of sessions of title 1 teaches the site how sessions start,
 * then a crowd of 40 sessions of the new title 2 starts at t = 2000. Acting on an alarm at 1900
 * places title 2's first segments before the crowd, so its spike window hits where it missed.
 */
class CacheEffectTest {
  private static final long SIZE = 1_000;

  private static Trace trace() {
    Trace.Builder b = new Trace.Builder();
    for (long s = 0; s < 40; s++)
      for (int k = 0; k < 5; k++) b.add(s * 40 + k * 4, VideoIds.pack(1, 1, k), SIZE, 0);
    for (long s = 0; s < 40; s++)
      for (int k = 0; k < 5; k++) b.add(2000 + s * 5 + k, VideoIds.pack(2, 1, k), SIZE, 0);
    return sortedByTime(b.build());
  }

  private static Trace sortedByTime(Trace t) {
    Integer[] order = new Integer[t.length()];
    for (int i = 0; i < order.length; i++) order[i] = i;
    java.util.Arrays.sort(order, java.util.Comparator.comparingLong(t::time));
    Trace.Builder b = new Trace.Builder();
    for (int i : order) b.add(t.time(i), t.id(i), t.size(i), t.site(i));
    return b.build();
  }

  private final CacheEffect effect =
      new CacheEffect(
          trace(),
          List.of(new FlashCrowd(2000, 0, 2, FlashCrowd.Kind.RELEASE, 40, 0)),
          new SiteEdges(1),
          new PrefetchPlan(10, 0.5),
          0);

  @Test
  void actingOnAnAlarmBeforeTheCrowdTurnsItsFirstMissesIntoHits() {
    CacheResult without = effect.run(PolicyName.LRU, 0.5, null, null);
    CacheResult with =
        effect.run(
            PolicyName.LRU,
            0.5,
            "federated",
            List.of(new Alarm(1900, 0, 2, 0.9, Method.FEDERATED, 0)));
    assertThat(without.actedOn()).isEqualTo("none");
    assertThat(without.prefetchedBytes()).isZero();
    assertThat(without.spikeMissBytes()).isEqualTo(5 * SIZE);
    assertThat(with.spikeMissBytes()).isZero();
    assertThat(with.prefetchedBytes()).isEqualTo(5 * SIZE);
    assertThat(with.spikeOriginBytes()).as("prefetched bytes are origin bytes").isEqualTo(5 * SIZE);
    assertThat(with.spikeByteHitRatio()).isGreaterThan(without.spikeByteHitRatio());
    assertThat(with.wastedBytes()).isZero();
    assertThat(with.prefetches()).isEqualTo(1);
  }

  @Test
  void aFalseAlarmCostsItsPrefetchAsWaste() {
    CacheResult with =
        effect.run(
            PolicyName.LRU,
            0.5,
            "federated",
            List.of(new Alarm(100, 0, 3, 0.9, Method.FEDERATED, 0)));
    assertThat(with.prefetchedBytes()).isPositive();
    assertThat(with.wastedBytes()).isEqualTo(with.prefetchedBytes());
    assertThat(with.spikePrefetchedBytes()).isZero();
  }
}
