package org.telcocdn.cache.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.telcocdn.cache.allocation.AllocationSettings;
import org.telcocdn.cache.allocation.EdgePlan;
import org.telcocdn.cache.allocation.PlacementReason;
import org.telcocdn.cache.allocation.SitePlan;
import org.telcocdn.cache.allocation.TitlePlacement;
import org.telcocdn.cache.policy.CachePolicy;
import org.telcocdn.cache.policy.LruPolicy;
import org.telcocdn.cache.policy.PolicyName;
import org.telcocdn.cache.policy.VideoIds;

class SiteReplayTest {
  private static final VideoWorkload.Settings SMALL =
      new VideoWorkload.Settings(7, 300, 60_000, 0.9, 2, 3, 1);

  @Test
  void generateSite_isTheSameTraceWithEverySessionOnOneOfTheEdges() {
    Trace plain = new VideoWorkload(SMALL).generate();
    SiteTrace site = new VideoWorkload(SMALL).generateSite(4);
    assertThat(site.trace().length()).isEqualTo(plain.length());
    int[] perEdge = new int[4];
    for (int i = 0; i < plain.length(); i++) {
      assertThat(site.trace().id(i)).isEqualTo(plain.id(i));
      perEdge[site.edge(i)]++;
    }
    for (int n : perEdge) assertThat(n).isBetween(plain.length() / 8, plain.length() / 2);
  }

  @Test
  void independent_oneEdgeSiteMatchesTheSingleCacheSimulator() {
    SiteTrace site = new VideoWorkload(SMALL).generateSite(1);
    SiteResult r = new SiteReplay(site, 0.2, 3600).independent("s3fifo", 0.05);
    Simulator single = new Simulator(site.trace(), 0.2);
    Result expected =
        single.run(
            PolicyName.S3FIFO.create(
                single.capacityOf(0.05), site.trace().meanObjectSize(), VideoIds.SHAPE),
            0.05);
    assertThat(r.byteHitRatio()).isCloseTo(1 - expected.byteMissRatio(), within(1e-9));
    assertThat(r.localByteHitRatio()).isEqualTo(r.byteHitRatio());
    assertThat(r.duplicatedShare()).isZero();
  }

  @Test
  void allocated_withoutHeadPartitionsTheSite() {
    SiteReplay replay = new SiteReplay(new VideoWorkload(SMALL).generateSite(4), 0.2, 3600);
    SiteResult independent = replay.independent("lru", 0.05);
    SiteResult allocated = replay.allocated("lru", 0.05, new AllocationSettings(0, 15), 0.5, true);
    assertThat(allocated.localByteHitRatio()).isLessThanOrEqualTo(allocated.byteHitRatio());
    assertThat(allocated.duplicatedShare()).isLessThan(independent.duplicatedShare());
    assertThat(allocated.plan()).contains("OWNER_WHOLE");
  }

  @Test
  void planRouting_elsewhereFillsFromTheOwnerAndPrefixStopsAtItsLength() {
    List<CachePolicy<Long>> edges = List.of(new LruPolicy<>(1000), new LruPolicy<>(1000));
    SiteCaches caches = new SiteCaches(edges);
    PlanRouting routing = new PlanRouting(caches, 2, true);
    routing.apply(
        new SitePlan(
            "s",
            List.of(
                new EdgePlan("e0", 1000, 0, List.of("1"), List.of(), List.of("2")),
                new EdgePlan("e1", 1000, 0, List.of(), List.of("2"), List.of("1"))),
            List.of(
                new TitlePlacement("1", PlacementReason.OWNER_WHOLE, "e0", 10, 0, 1),
                new TitlePlacement("2", PlacementReason.OWNER_PREFIX, "e1", 10, 0, 1))));
    long t1 = VideoIds.pack(1, 0, 5);
    assertThat(routing.serve(1, t1, 10)).isEqualTo(PlanRouting.MISS);
    assertThat(routing.serve(1, t1, 10)).isEqualTo(PlanRouting.PEER_HIT);
    assertThat(routing.serve(0, t1, 10)).isEqualTo(PlanRouting.LOCAL_HIT);
    assertThat(caches.holds(1, t1)).isFalse();
    long early = VideoIds.pack(2, 0, 1);
    long late = VideoIds.pack(2, 0, 2);
    routing.serve(0, early, 10);
    routing.serve(0, late, 10);
    assertThat(caches.holds(1, early)).isTrue();
    assertThat(caches.holds(1, late)).isFalse();
    assertThat(caches.duplicatedBytes()).isZero();
  }

  @Test
  void planRouting_aHeadTitleStartsLocallyAndFillsTheRestFromItsOwner() {
    SiteCaches caches = new SiteCaches(List.of(new LruPolicy<>(1000), new LruPolicy<>(1000)));
    PlanRouting routing = new PlanRouting(caches, 2, true);
    routing.apply(
        new SitePlan(
            "s",
            List.of(
                new EdgePlan("e0", 1000, 0, List.of("3"), List.of(), List.of()),
                new EdgePlan("e1", 1000, 0, List.of(), List.of("3"), List.of())),
            List.of(new TitlePlacement("3", PlacementReason.HEAD_REPLICATED, "e0", 10, 5, 1))));
    long start = VideoIds.pack(3, 0, 0);
    long later = VideoIds.pack(3, 0, 7);
    assertThat(routing.serve(0, start, 10)).isEqualTo(PlanRouting.MISS);
    assertThat(routing.serve(1, start, 10)).isEqualTo(PlanRouting.PEER_HIT);
    assertThat(routing.serve(1, start, 10)).isEqualTo(PlanRouting.LOCAL_HIT);
    assertThat(caches.duplicatedBytes()).isEqualTo(10);
    assertThat(routing.serve(1, later, 10)).isEqualTo(PlanRouting.MISS);
    assertThat(routing.serve(1, later, 10)).isEqualTo(PlanRouting.PEER_HIT);
    assertThat(caches.holds(1, later)).isFalse();
  }
}
