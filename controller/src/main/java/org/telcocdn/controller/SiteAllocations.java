package org.telcocdn.controller;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.cache.allocation.DemandHistory;
import org.telcocdn.cache.allocation.EdgePlan;
import org.telcocdn.cache.allocation.EdgeSlot;
import org.telcocdn.cache.allocation.SiteAllocator;
import org.telcocdn.cache.allocation.SitePlan;
import org.telcocdn.cache.allocation.TitleDemand;
import org.telcocdn.cache.allocation.TitlePlacement;
import org.telcocdn.controller.predict.SpikeBoosts;

/**
 * The controller's work, one round at a time: edges from the broker, each site's popularity from
 * analytics folded into that site's demand history (seeded on a cold start from the batch job's
 * summary when there is one) with the titles of predicted spikes ranked first ({@link
 * SpikeBoosts}), sizes from the catalog, the real {@link SiteAllocator}, then each edge's share
 * pushed (and optionally committed to the cache index). Rounds never overlap. If the broker or
 * analytics cannot be reached the round fails before any push: the edges keep their last plan
 * rather than receive an empty one.
 *
 * <p>Generations are {@code max(previous + 1, now in ms)}: increasing within a run and across
 * restarts, so an edge can drop a push older than the plan it holds.
 */
final class SiteAllocations {
  private static final Logger log = LoggerFactory.getLogger(SiteAllocations.class);

  private final BrokerEdges broker;
  private final SitePopularity popularity;
  private final TitleSizes sizes;
  private final DemandEstimate estimate;
  private final SiteAllocator allocator;
  private final AllocationPush push;
  private final IndexAssignments index;
  private final BatchPrior prior;
  private final double keep;
  private final SpikeBoosts boosts;
  private final Clock clock;
  private final Map<String, DemandHistory> histories = new HashMap<>();
  private volatile AllocationRound current = AllocationRound.NONE;
  private ControllerMetrics metrics;

  SiteAllocations(
      BrokerEdges broker,
      SitePopularity popularity,
      TitleSizes sizes,
      DemandEstimate estimate,
      SiteAllocator allocator,
      AllocationPush push,
      IndexAssignments index,
      BatchPrior prior,
      double keep,
      SpikeBoosts boosts,
      Clock clock) {
    this.boosts = boosts;
    this.broker = broker;
    this.popularity = popularity;
    this.sizes = sizes;
    this.estimate = estimate;
    this.allocator = allocator;
    this.push = push;
    this.index = index;
    this.prior = prior;
    this.keep = keep;
    this.clock = clock;
  }

  void metrics(ControllerMetrics metrics) {
    this.metrics = metrics;
  }

  AllocationRound current() {
    return current;
  }

  /**
   * Computes and pushes a new plan for every site; throws (and pushes nothing) if an input is
   * unreachable.
   */
  synchronized AllocationRound recompute() {
    try {
      AllocationRound round = plan();
      current = round;
      metrics.round(true);
      return round;
    } catch (RuntimeException e) {
      metrics.round(false);
      throw e;
    }
  }

  private AllocationRound plan() {
    Map<String, List<SiteEdge>> bySite = new TreeMap<>();
    for (SiteEdge e : broker.upEdges())
      bySite.computeIfAbsent(e.site(), s -> new ArrayList<>()).add(e);
    Map<String, SitePlan> plans = new LinkedHashMap<>();
    for (var site : bySite.entrySet())
      plans.put(site.getKey(), planSite(site.getKey(), site.getValue()));
    long generation = Math.max(current.generation() + 1, clock.millis());
    List<AllocationRound.SiteRound> sites = new ArrayList<>();
    for (var site : bySite.entrySet())
      sites.add(pushSite(generation, plans.get(site.getKey()), site.getValue()));
    return new AllocationRound(generation, clock.instant(), sites);
  }

  private SitePlan planSite(String site, List<SiteEdge> edges) {
    Map<String, Long> live = popularity.requests(site);
    DemandHistory history = histories.get(site);
    if (history == null) {
      history = new DemandHistory(keep);
      histories.put(site, history);
      Map<String, Long> longTerm =
          prior.requests(site, live.values().stream().mapToLong(Long::longValue).sum());
      if (!longTerm.isEmpty()) {
        history.observe(demands(longTerm));
        log.info(
            "site {}: cold start seeded with {} titles of the batch summary",
            site,
            longTerm.size());
      }
    }
    history.observe(demands(live));
    List<EdgeSlot> slots =
        edges.stream().map(e -> new EdgeSlot(e.name(), e.capacityBytes())).toList();
    // A predicted spike ranks its title first for this round only: the history stays as observed.
    List<TitleDemand> demands =
        boosts.apply(
            site,
            history.demands(),
            (title, requests) -> sizes.of(title).map(s -> estimate.of(title, requests, s)));
    SitePlan plan = allocator.allocate(site, slots, demands);
    log.info(
        "site {}: {} titles {}, {} bytes duplicated by the plan",
        site,
        plan.titles().size(),
        plan.titlesPerReason(),
        plan.duplicatedBytes());
    for (TitlePlacement t : plan.titles()) {
      log.debug(
          "site {} title {} {} owner={} bytes={} requests={}",
          site,
          t.title(),
          t.reason(),
          t.owner(),
          t.bytes(),
          t.requests());
    }
    return plan;
  }

  private List<TitleDemand> demands(Map<String, Long> requests) {
    List<TitleDemand> out = new ArrayList<>();
    for (var title : requests.entrySet()) {
      Optional<TitleSize> size = sizes.of(title.getKey());
      size.ifPresent(s -> out.add(estimate.of(title.getKey(), title.getValue(), s)));
    }
    return out;
  }

  private AllocationRound.SiteRound pushSite(long generation, SitePlan plan, List<SiteEdge> edges) {
    Map<String, PushOutcome> outcomes = new LinkedHashMap<>();
    for (SiteEdge edge : edges) {
      EdgePlan share = plan.edge(edge.name());
      if (index != null) index.assign(share);
      PushOutcome outcome =
          push.push(
              edge, EdgeAllocation.of(generation, share, allocator.settings().prefixSegments()));
      metrics.pushed(outcome);
      outcomes.put(edge.name(), outcome);
      log.info(
          "allocation {} to edge {}: {} whole, {} prefix, {} elsewhere, {} of {} bytes planned: {}",
          generation,
          edge.name(),
          share.whole().size(),
          share.prefix().size(),
          share.elsewhere().size(),
          share.plannedBytes(),
          share.capacityBytes(),
          outcome);
    }
    return new AllocationRound.SiteRound(plan, edges, outcomes);
  }
}
