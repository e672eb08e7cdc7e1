package org.telcocdn.cache.sim;

import java.util.ArrayList;
import java.util.List;
import org.telcocdn.cache.allocation.AllocationSettings;
import org.telcocdn.cache.allocation.DemandHistory;
import org.telcocdn.cache.allocation.EdgeSlot;
import org.telcocdn.cache.allocation.SiteAllocator;
import org.telcocdn.cache.allocation.SitePlan;
import org.telcocdn.cache.policy.CachePolicy;
import org.telcocdn.cache.policy.PolicyName;
import org.telcocdn.cache.policy.VideoIds;

/**
 * Replays a site trace through the edges of one site, each a real policy instance of 1/n of the
 * site's capacity, either independently (a request hits only if its own edge holds it) or under the
 * allocation: the real {@link SiteAllocator} replans at every window boundary from the windows
 * already seen (never the future), and edges honour the plan as {@link PlanRouting} describes.
 * Duplication is sampled at every window boundary after the warm-up.
 */
public final class SiteReplay {
  private final SiteTrace site;
  private final double warmup;
  private final long windowSeconds;

  public SiteReplay(SiteTrace site, double warmup, long windowSeconds) {
    if (warmup < 0 || warmup >= 1)
      throw new IllegalArgumentException("warm-up must be in [0, 1), was " + warmup);
    if (windowSeconds < 1)
      throw new IllegalArgumentException("window must be at least 1 s, was " + windowSeconds);
    this.site = site;
    this.warmup = warmup;
    this.windowSeconds = windowSeconds;
  }

  public long siteCapacity(double fraction) {
    return Math.max(site.edges(), Math.round(site.trace().workingSetBytes() * fraction));
  }

  public SiteResult independent(String policy, double fraction) {
    SiteCaches caches = caches(policy, fraction);
    return replay(
        "independent",
        policy,
        fraction,
        caches,
        (e, id, size) ->
            caches.access(e, id, size, true) ? PlanRouting.LOCAL_HIT : PlanRouting.MISS,
        null);
  }

  public SiteResult allocated(
      String policy,
      double fraction,
      AllocationSettings settings,
      double keep,
      boolean dropElsewhere) {
    SiteCaches caches = caches(policy, fraction);
    PlanRouting routing = new PlanRouting(caches, settings.prefixSegments(), dropElsewhere);
    Planner planner =
        new Planner(
            new SiteAllocator(settings),
            new DemandHistory(keep),
            new WindowDemand(settings.prefixSegments()),
            slots(fraction),
            routing);
    return replay("allocated", policy, fraction, caches, routing::serve, planner);
  }

  /**
   * Every title seen so far on one edge of the site, chosen by the same rendezvous ranking, with no
   * reservations, no head and no prefixes: what hashing titles to edges (a consistent-hash router)
   * gives without a controller. The allocator run with edges of 1 byte places every title NO_ROOM,
   * which is exactly that.
   */
  public SiteResult partitioned(String policy, double fraction, double keep) {
    SiteCaches caches = caches(policy, fraction);
    AllocationSettings none = new AllocationSettings(0, 1);
    PlanRouting routing = new PlanRouting(caches, none.prefixSegments(), true);
    List<EdgeSlot> oneByte = slots(fraction).stream().map(e -> new EdgeSlot(e.name(), 1)).toList();
    Planner planner =
        new Planner(
            new SiteAllocator(none),
            new DemandHistory(keep),
            new WindowDemand(1),
            oneByte,
            routing);
    return replay("partitioned", policy, fraction, caches, routing::serve, planner);
  }

  private SiteCaches caches(String policy, double fraction) {
    long perEdge = siteCapacity(fraction) / site.edges();
    List<CachePolicy<Long>> edges = new ArrayList<>();
    for (int e = 0; e < site.edges(); e++) {
      edges.add(
          PolicyName.of(policy).create(perEdge, site.trace().meanObjectSize(), VideoIds.SHAPE));
    }
    return new SiteCaches(edges);
  }

  private List<EdgeSlot> slots(double fraction) {
    List<EdgeSlot> slots = new ArrayList<>();
    for (int e = 0; e < site.edges(); e++)
      slots.add(new EdgeSlot("e" + e, siteCapacity(fraction) / site.edges()));
    return slots;
  }

  @FunctionalInterface
  private interface Router {
    int serve(int edge, long id, long size);
  }

  /** The controller inside the replay: counts each window, replans at its end. */
  private record Planner(
      SiteAllocator allocator,
      DemandHistory history,
      WindowDemand window,
      List<EdgeSlot> slots,
      PlanRouting routing) {
    SitePlan replan() {
      history.observe(window.drain());
      SitePlan plan = allocator.allocate("site", slots, history.demands());
      routing.apply(plan);
      return plan;
    }
  }

  private SiteResult replay(
      String scheme,
      String policy,
      double fraction,
      SiteCaches caches,
      Router router,
      Planner planner) {
    Trace trace = site.trace();
    int from = (int) (trace.length() * warmup);
    long windowEnd = trace.length() == 0 ? 0 : trace.time(0) + windowSeconds;
    double requested = 0, hit = 0, local = 0, duplicated = 0;
    int samples = 0;
    SitePlan plan = null;
    for (int i = 0; i < trace.length(); i++) {
      while (trace.time(i) >= windowEnd) {
        windowEnd += windowSeconds;
        if (i >= from) {
          duplicated += caches.duplicatedBytes();
          samples++;
        }
        if (planner != null) plan = planner.replan();
      }
      long id = trace.id(i);
      long size = trace.size(i);
      int outcome = router.serve(site.edge(i), id, size);
      if (planner != null) planner.window().record(id, size);
      if (i < from) continue;
      requested += size;
      if (outcome != PlanRouting.MISS) hit += size;
      if (outcome == PlanRouting.LOCAL_HIT) local += size;
    }
    long capacity = siteCapacity(fraction);
    double meanDuplicated = samples == 0 ? caches.duplicatedBytes() : duplicated / samples;
    return new SiteResult(
        scheme,
        policy,
        fraction,
        capacity,
        hit / Math.max(1, requested),
        local / Math.max(1, requested),
        meanDuplicated / capacity,
        Math.round(meanDuplicated),
        plan == null ? "" : plan.titlesPerReason().toString());
  }
}
