package org.telcocdn.cache.allocation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits the capacity of one site's edges among titles: greedy placement by marginal utility.
 *
 * <p>Why: edges of a site sit in one metro and a peer is a millisecond away, so the site can act as
 * one cache of the edges' summed capacity if each title has one home; edges that cache on their own
 * all keep the same popular titles and the same long tail. The cost of a single copy is that most
 * hits are peer hits, and the hottest titles would load one edge; so a small head is replicated.
 *
 * <ol>
 *   <li><b>Head.</b> A second copy wins no byte for the site, only local hits (a peer round trip
 *       saved, failover, the hottest titles' load spread over all edges), and most of those are
 *       start-ups. So the titles with the most requests are kept whole on their rendezvous owner
 *       and as prefixes on every other edge, while each edge's share of that (whole or prefix) fits
 *       in {@code headShare} of it, skipping a title that does not fit ({@link
 *       PlacementReason#HEAD_REPLICATED}).
 *   <li><b>Middle and tail.</b> Every other title offers two items: its prefix (the first segments,
 *       which most viewers reach) and its rest. An item is worth its requests per byte held, the
 *       rest never more than its prefix. Items go in order of that density (the greedy solution of
 *       the fractional knapsack): a prefix to the title's rendezvous owner if it has room ({@link
 *       PlacementReason#OWNER_PREFIX}), then its rest if the owner still has room ({@link
 *       PlacementReason#OWNER_WHOLE}). The other edges fill from that owner ({@link
 *       PlacementReason#PEER_HOLDS}). A title never spills to its second-ranked edge when the first
 *       is full: owners that move with every plan make edges drop and refetch titles (0.8 points of
 *       site byte hit ratio in one simulated case, docs/controller.md); capacity-weighted
 *       rendezvous already balances bytes in expectation, and the head spreads the hottest titles.
 *   <li><b>Origin.</b> A title with no room for its prefix anywhere gets no reservation ({@link
 *       PlacementReason#NO_ROOM}) but still one owner, the first of its ranking: the owner is not
 *       told about it (its own policy decides), the others are told a peer holds it. So the long
 *       tail is never cached twice in a site.
 * </ol>
 *
 * Sizes are estimates (what viewers watched, not whole files), so a plan is a budget for admission,
 * not a list of files: the edge's own policy still chooses which segments of an allowed title stay.
 * Deterministic: ties break by title.
 */
public final class SiteAllocator {
  private final AllocationSettings settings;

  public SiteAllocator(AllocationSettings settings) {
    this.settings = settings;
  }

  public AllocationSettings settings() {
    return settings;
  }

  public SitePlan allocate(String site, List<EdgeSlot> edges, List<TitleDemand> demands) {
    if (edges.isEmpty()) return new SitePlan(site, List.of(), List.of());
    Map<String, Long> room = new LinkedHashMap<>();
    for (EdgeSlot e : edges) room.put(e.name(), e.capacityBytes());
    Map<String, TitlePlacement> placed = new LinkedHashMap<>();
    List<TitleDemand> rest = placeHead(edges, demands, room, placed);
    placeByDensity(edges, rest, room, placed);
    for (TitleDemand d : rest) {
      String owner = Rendezvous.rank(d.title(), edges).getFirst().name();
      placed.putIfAbsent(
          d.title(),
          new TitlePlacement(d.title(), PlacementReason.NO_ROOM, owner, 0, 0, d.requests()));
    }
    return new SitePlan(
        site, edgePlans(edges, room, placed.values()), new ArrayList<>(placed.values()));
  }

  /** Places the head; returns the titles left, those with requests only. */
  private List<TitleDemand> placeHead(
      List<EdgeSlot> edges,
      List<TitleDemand> demands,
      Map<String, Long> room,
      Map<String, TitlePlacement> placed) {
    List<TitleDemand> byRequests =
        demands.stream()
            .filter(d -> d.requests() > 0)
            .sorted(
                Comparator.comparingDouble(TitleDemand::requests)
                    .reversed()
                    .thenComparing(TitleDemand::title))
            .toList();
    Map<String, Long> headLeft = new HashMap<>();
    for (EdgeSlot e : edges)
      headLeft.put(e.name(), (long) (settings.headShare() * e.capacityBytes()));
    List<TitleDemand> rest = new ArrayList<>();
    for (TitleDemand d : byRequests) {
      String owner = Rendezvous.rank(d.title(), edges).getFirst().name();
      if (!fitsHead(d, owner, headLeft)) {
        rest.add(d);
        continue;
      }
      for (EdgeSlot e : edges) {
        long bytes = e.name().equals(owner) ? d.footprintBytes() : d.prefixBytes();
        headLeft.merge(e.name(), -bytes, Long::sum);
        room.merge(e.name(), -bytes, Long::sum);
      }
      long copy = edges.size() > 1 ? d.prefixBytes() : 0;
      placed.put(
          d.title(),
          new TitlePlacement(
              d.title(),
              PlacementReason.HEAD_REPLICATED,
              owner,
              d.footprintBytes(),
              copy,
              d.requests()));
    }
    return rest;
  }

  private static boolean fitsHead(TitleDemand d, String owner, Map<String, Long> headLeft) {
    for (var e : headLeft.entrySet()) {
      if (e.getValue() < (e.getKey().equals(owner) ? d.footprintBytes() : d.prefixBytes()))
        return false;
    }
    return true;
  }

  private record Item(TitleDemand demand, boolean prefix, double density) {}

  private void placeByDensity(
      List<EdgeSlot> edges,
      List<TitleDemand> titles,
      Map<String, Long> room,
      Map<String, TitlePlacement> placed) {
    List<Item> items = new ArrayList<>(titles.size() * 2);
    for (TitleDemand d : titles) {
      items.add(new Item(d, true, d.prefixDensity()));
      if (d.footprintBytes() > d.prefixBytes())
        items.add(new Item(d, false, Math.min(d.prefixDensity(), d.restDensity())));
    }
    items.sort(
        Comparator.comparingDouble(Item::density)
            .reversed()
            .thenComparing(it -> it.demand().title())
            .thenComparing(it -> !it.prefix()));
    Map<String, String> owners = new HashMap<>();
    for (Item it : items) {
      TitleDemand d = it.demand();
      if (it.prefix()) {
        placePrefix(d, edges, room, placed, owners);
      } else {
        placeRest(d, room, placed, owners);
      }
    }
  }

  private static void placePrefix(
      TitleDemand d,
      List<EdgeSlot> edges,
      Map<String, Long> room,
      Map<String, TitlePlacement> placed,
      Map<String, String> owners) {
    EdgeSlot e = Rendezvous.rank(d.title(), edges).getFirst();
    if (room.get(e.name()) < d.prefixBytes()) return;
    room.merge(e.name(), -d.prefixBytes(), Long::sum);
    owners.put(d.title(), e.name());
    PlacementReason reason =
        d.footprintBytes() > d.prefixBytes()
            ? PlacementReason.OWNER_PREFIX
            : PlacementReason.OWNER_WHOLE;
    placed.put(
        d.title(),
        new TitlePlacement(d.title(), reason, e.name(), d.prefixBytes(), 0, d.requests()));
  }

  private static void placeRest(
      TitleDemand d,
      Map<String, Long> room,
      Map<String, TitlePlacement> placed,
      Map<String, String> owners) {
    String owner = owners.get(d.title());
    long rest = d.footprintBytes() - d.prefixBytes();
    if (owner == null || room.get(owner) < rest) return;
    room.merge(owner, -rest, Long::sum);
    placed.put(
        d.title(),
        new TitlePlacement(
            d.title(), PlacementReason.OWNER_WHOLE, owner, d.footprintBytes(), 0, d.requests()));
  }

  private static List<EdgePlan> edgePlans(
      List<EdgeSlot> edges, Map<String, Long> room, Iterable<TitlePlacement> placed) {
    List<EdgePlan> plans = new ArrayList<>();
    for (EdgeSlot e : edges) {
      List<String> whole = new ArrayList<>();
      List<String> prefix = new ArrayList<>();
      List<String> elsewhere = new ArrayList<>();
      for (TitlePlacement t : placed) {
        switch (t.reason()) {
          case HEAD_REPLICATED -> (e.name().equals(t.owner()) ? whole : prefix).add(t.title());
          case OWNER_WHOLE -> (e.name().equals(t.owner()) ? whole : elsewhere).add(t.title());
          case OWNER_PREFIX -> (e.name().equals(t.owner()) ? prefix : elsewhere).add(t.title());
          case NO_ROOM -> {
            if (!e.name().equals(t.owner())) elsewhere.add(t.title());
          }
          case PEER_HOLDS -> {}
        }
      }
      plans.add(
          new EdgePlan(
              e.name(),
              e.capacityBytes(),
              e.capacityBytes() - room.get(e.name()),
              whole,
              prefix,
              elsewhere));
    }
    return plans;
  }
}
