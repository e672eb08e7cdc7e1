package org.telcocdn.controller;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.telcocdn.cache.allocation.EdgePlan;
import org.telcocdn.controller.trigger.Fleet;
import org.telcocdn.controller.trigger.SiteTarget;

/**
 * The triggers' view of the fleet: sites and UP edges from the broker (asked each time: a trigger
 * is planned once), and where the latest allocation round keeps a title.
 */
final class TriggerFleet implements Fleet {
  private final BrokerEdges broker;
  private final Supplier<AllocationRound> allocation;

  TriggerFleet(BrokerEdges broker, Supplier<AllocationRound> allocation) {
    this.broker = broker;
    this.allocation = allocation;
  }

  @Override
  public Set<String> sites() {
    Set<String> sites = new TreeSet<>();
    broker.edges().forEach(e -> sites.add(e.site()));
    return sites;
  }

  @Override
  public List<SiteTarget> upEdges(String site) {
    return broker.upEdges().stream()
        .filter(e -> e.site().equals(site))
        .map(e -> new SiteTarget(site, e.name(), e.url()))
        .toList();
  }

  @Override
  public List<String> placed(String site, String videoId) {
    List<String> whole = new ArrayList<>();
    List<String> prefix = new ArrayList<>();
    for (AllocationRound.SiteRound round : allocation.get().sites()) {
      if (!round.plan().site().equals(site)) continue;
      for (EdgePlan plan : round.plan().edges()) {
        if (plan.whole().contains(videoId)) whole.add(plan.edge());
        else if (plan.prefix().contains(videoId)) prefix.add(plan.edge());
      }
    }
    whole.addAll(prefix);
    return whole;
  }
}
