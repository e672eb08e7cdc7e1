package org.telcocdn.controller;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.telcocdn.cache.allocation.EdgePlan;
import org.telcocdn.cache.allocation.PlacementReason;
import org.telcocdn.cache.allocation.TitlePlacement;

/**
 * The body of {@code GET /api/allocations}: the current plan per site and per edge, with bytes, the
 * push outcome, and each title's reason as seen from that edge.
 */
final class AllocationView {
  private AllocationView() {}

  static Map<String, Object> of(AllocationRound round) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("generation", round.generation());
    out.put("computedAt", round.computedAt().toString());
    List<Object> sites = new ArrayList<>();
    for (AllocationRound.SiteRound s : round.sites()) sites.add(site(s));
    out.put("sites", sites);
    return out;
  }

  private static Map<String, Object> site(AllocationRound.SiteRound s) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("site", s.plan().site());
    out.put("titlesPerReason", s.plan().titlesPerReason());
    out.put("plannedBytes", s.plan().plannedBytes());
    out.put("duplicatedBytes", s.plan().duplicatedBytes());
    List<Object> edges = new ArrayList<>();
    for (SiteEdge e : s.edges())
      edges.add(edge(e, s.plan().edge(e.name()), s.plan().titles(), s.pushes().get(e.name())));
    out.put("edges", edges);
    return out;
  }

  private static Map<String, Object> edge(
      SiteEdge e, EdgePlan plan, List<TitlePlacement> titles, PushOutcome push) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("edge", e.name());
    out.put("url", e.url());
    out.put("capacityBytes", plan.capacityBytes());
    out.put("plannedBytes", plan.plannedBytes());
    out.put("push", push);
    out.put("whole", plan.whole().size());
    out.put("prefix", plan.prefix().size());
    out.put("elsewhere", plan.elsewhere().size());
    List<Object> placements = new ArrayList<>();
    for (TitlePlacement t : titles) {
      PlacementReason reason = reasonAt(e.name(), t);
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("videoId", t.title());
      p.put("reason", reason);
      p.put(
          "bytes",
          reason == PlacementReason.PEER_HOLDS
              ? 0
              : e.name().equals(t.owner()) ? t.bytes() : t.copyBytes());
      if (t.owner() != null) p.put("owner", t.owner());
      placements.add(p);
    }
    out.put("placements", placements);
    return out;
  }

  /**
   * A title's reason on one edge: the owner's reason there (and a head title's everywhere),
   * PEER_HOLDS on the others.
   */
  static PlacementReason reasonAt(String edge, TitlePlacement t) {
    if (t.reason() == PlacementReason.HEAD_REPLICATED || t.owner().equals(edge)) return t.reason();
    return PlacementReason.PEER_HOLDS;
  }
}
