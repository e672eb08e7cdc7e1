package org.telcocdn.broker;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Turns a {@link RouteRequest} into a {@link RouteDecision}, in this order:
 *
 * <ol>
 *   <li><b>Sticky:</b> a live session stays on its edge while that edge is UP and not overloaded.
 *   <li><b>Locality tiers:</b> the client's site (coverage zone or {@code X-Client-Site}), then its
 *       neighbour sites nearest first, then every edge. The first tier with a usable edge wins.
 *   <li><b>Within a tier:</b> the policy's order ({@link RoutingPolicy}); overloaded edges are
 *       skipped; under bounded-load each edge is capped at {@code max(minCap, ceil(c (m+1)/n))}
 *       over the tier, and a warming edge (just back from DOWN) at its {@link Edge#warmth} share of
 *       that. Under a policy with title affinity (bounded-load, consistent-hash, rendezvous) an
 *       edge the cache index names as a holder of the title's current version goes first, if it is
 *       usable and under its cap ({@link RouteReason#INDEX_HOLDER}); round-robin and
 *       least-connections ignore holders, since they exist to be compared as affinity-free
 *       baselines.
 *   <li><b>Overflow:</b> with a cloud tier ({@code broker.cloud-tier}), when every edge of the
 *       client's site and of its neighbours is in duress (every edge, for a client of no known
 *       site), the session goes to the cloud tier's cache ({@link RouteReason#OVERFLOW_CLOUD})
 *       rather than to a far site or an overloaded edge, and the site's new sessions keep going
 *       there until it has been usable for {@code broker.overflow.recover-after} ({@link
 *       CloudOverflow}).
 * </ol>
 *
 * <p>The tables of rings (all edges, and one per site) are immutable snapshots swapped when the
 * registry reports a membership change, so routing never takes a lock. Load of an edge = the
 * sessions the broker sent there recently ({@link SessionLoad}), minus the requesting session
 * itself so a viewer is not pushed off an edge by their own weight; duress and warmth are read live
 * from the registry, since heartbeats that change only the load do not rebuild the table.
 */
public final class EdgeRouter {
  private record Table(
      BoundedLoadRing all, Map<String, BoundedLoadRing> bySite, Map<String, Edge> edges) {}

  private record Tier(RouteReason locality, BoundedLoadRing ring) {}

  private final EdgeRegistry registry;
  private final SessionLoad sessions;
  private final BrokerConfig config;
  private final BalancingConfig balancing;
  private final TitleHolders holders;
  private final CloudOverflow overflow;
  private final AtomicLong tick = new AtomicLong();
  private volatile Table table = new Table(BoundedLoadRing.of(Set.of(), 1), Map.of(), Map.of());

  public EdgeRouter(EdgeRegistry registry, SessionLoad sessions, BrokerConfig config) {
    this(registry, sessions, config, TitleHolders.NONE);
  }

  /**
   * @param holders who holds a title, answered from memory (see {@link HolderView})
   */
  public EdgeRouter(
      EdgeRegistry registry, SessionLoad sessions, BrokerConfig config, TitleHolders holders) {
    this.holders = holders;
    this.registry = registry;
    this.sessions = sessions;
    this.config = config;
    this.balancing = config.balancing();
    this.overflow = new CloudOverflow(balancing.cloudTier(), registry.clock());
    registry.onMembershipChange(this::rebuild);
  }

  /** The decision for {@code videoId} asked by {@code client}; empty when no edge is UP. */
  public Optional<RouteDecision> route(String videoId, String client) {
    return route(new RouteRequest(videoId, client, null, null));
  }

  public Optional<RouteDecision> route(RouteRequest request) {
    registry.expireStale();
    Table current = table;
    if (current.all().isEmpty()) return Optional.empty();
    String key = request.sessionKey();
    String own = sessions.currentEdge(key);
    Map<String, Long> loads = loads(current, own);
    String site =
        request.clientSite() != null
            ? request.clientSite()
            : balancing.coverageZones().siteOf(request.client()).orElse(null);
    List<Tier> tiers = tiers(current, site);
    RouteDecision decision =
        own != null && current.edges().containsKey(own) && !overloaded(own)
            ? sticky(current, tiers, own, loads, request, key)
            : choose(current, tiers, loads, request, key, overflowKey(current, site));
    sessions.record(key, decision.edge().name());
    return Optional.of(decision);
  }

  /** Which sites overflow to the cloud tier now. */
  public CloudOverflow overflow() {
    return overflow;
  }

  public RoutingPolicy policy() {
    return balancing.policy();
  }

  /** The ring of every UP edge now in use, for tests and diagnostics. */
  public BoundedLoadRing ring() {
    return table.all();
  }

  private RouteDecision sticky(
      Table t, List<Tier> tiers, String own, Map<String, Long> loads, RouteRequest r, String key) {
    RouteReason locality = null;
    for (Tier tier : tiers) {
      if (tier.locality() != null && tier.ring().members().contains(own)) {
        locality = tier.locality();
        break;
      }
    }
    List<Edge> alternates = alternates(t, tiers, r.videoId(), loads, tick.get(), own);
    return new RouteDecision(
        t.edges().get(own), alternates, RouteReason.STICKY_SESSION, null, locality, key);
  }

  private RouteDecision choose(
      Table t, List<Tier> tiers, Map<String, Long> loads, RouteRequest r, String key, String site) {
    String skippedOwner = null;
    Instant now = registry.clock().instant();
    long turn = tick.getAndIncrement();
    Set<String> held = heldBy(t, r.videoId());
    boolean nearSaturated = false;
    for (Tier tier : tiers) {
      // The client's site and its neighbours all in duress: the cloud tier before far edges.
      if (tier.locality() == RouteReason.ANY_SITE
          && nearSaturated
          && overflow.overflows(site, true)) return overflowed(t, tiers, r, loads, turn, site, key);
      List<String> order = balancing.policy().order(r.videoId(), tier.ring(), loads, turn);
      List<String> usable = order.stream().filter(e -> !overloaded(e)).toList();
      if (usable.isEmpty()) {
        if (skippedOwner == null) skippedOwner = order.getFirst();
        nearSaturated = true;
        continue;
      }
      if (overflow.overflows(site, false)) return overflowed(t, tiers, r, loads, turn, site, key);
      String holder =
          holderWithinCap(usable, held, spread(held, r.videoId()), tier.ring(), loads, now);
      if (holder != null) {
        List<Edge> alternates = alternates(t, tiers, r.videoId(), loads, turn, holder);
        return new RouteDecision(
            t.edges().get(holder),
            alternates,
            RouteReason.INDEX_HOLDER,
            null,
            tier.locality(),
            key);
      }
      if (!order.getFirst().equals(usable.getFirst()) && skippedOwner == null)
        skippedOwner = order.getFirst();
      String chosen = withinCap(usable, tier.ring(), loads, now);
      RouteReason reason;
      String from = null;
      if (skippedOwner != null) {
        reason = RouteReason.OVERLOADED_SKIP;
        from = skippedOwner;
      } else if (!chosen.equals(usable.getFirst())) {
        reason = RouteReason.SPILL_OVER_BOUND;
        from = usable.getFirst();
      } else {
        reason = plainReason(t);
      }
      List<Edge> alternates = alternates(t, tiers, r.videoId(), loads, turn, chosen);
      return new RouteDecision(
          t.edges().get(chosen), alternates, reason, from, tier.locality(), key);
    }
    if (overflow.overflows(site, true)) return overflowed(t, tiers, r, loads, turn, site, key);
    // Every edge is overloaded and no cloud tier: serving from the video's owner beats a 503.
    String owner = t.all().owner(r.videoId());
    return new RouteDecision(
        t.edges().get(owner),
        alternates(t, t.all().walk(r.videoId()), owner),
        RouteReason.OVERLOADED_SKIP,
        null,
        tiers.getLast().locality(),
        key);
  }

  /**
   * To the cloud tier's cache for the title, the site's (overloaded) edges as alternates, so a
   * player that cannot reach the cloud still has somewhere to go.
   */
  private RouteDecision overflowed(
      Table t,
      List<Tier> tiers,
      RouteRequest r,
      Map<String, Long> loads,
      long turn,
      String site,
      String key) {
    return new RouteDecision(
        overflow.target(r.videoId()),
        alternates(t, tiers, r.videoId(), loads, turn, ""),
        RouteReason.OVERFLOW_CLOUD,
        site.isEmpty() ? null : site,
        null,
        key);
  }

  /**
   * The site whose overflow state this route reads: the client's, when it has edges or neighbours;
   * otherwise {@code ""}, every client of no known site together (so no site name a client sends
   * adds state).
   */
  private String overflowKey(Table t, String site) {
    if (site == null) return "";
    boolean known =
        t.bySite().containsKey(site) || !balancing.siteNeighbours().neighboursOf(site).isEmpty();
    return known ? site : "";
  }

  private RouteReason plainReason(Table t) {
    if (t.all().members().size() == 1) return RouteReason.ONLY_EDGE;
    return switch (balancing.policy()) {
      case BOUNDED_LOAD, CONSISTENT_HASH, RENDEZVOUS -> RouteReason.CONSISTENT_HASH;
      case ROUND_ROBIN, LEAST_CONNECTIONS -> RouteReason.POLICY;
    };
  }

  /**
   * The index's holders of the title among the UP edges, when the policy has title affinity and
   * there is a choice at all; a lookup in the broker's memory, never a call to the index.
   */
  private Set<String> heldBy(Table t, String videoId) {
    if (t.all().members().size() < 2) return Set.of();
    return switch (balancing.policy()) {
      case BOUNDED_LOAD, CONSISTENT_HASH, RENDEZVOUS -> holders.of(videoId);
      case ROUND_ROBIN, LEAST_CONNECTIONS -> Set.of();
    };
  }

  /**
   * Whether a title's holders share its new sessions: the allocation replicated it (a site's head,
   * a predicted spike's title), so each holder was given a copy of its first segments for that.
   */
  private boolean spread(Set<String> held, String videoId) {
    return held.size() > 1 && holders.replicated(videoId);
  }

  /**
   * The first holder in the policy's order that is under its cap, or null. For a replicated title
   * ({@code spread}), the least loaded holder under its cap instead (the policy's order breaks
   * ties): its crowd starts on all its replicas at once rather than on one until that one reaches
   * its cap.
   */
  private String holderWithinCap(
      List<String> usable,
      Set<String> held,
      boolean spread,
      BoundedLoadRing ring,
      Map<String, Long> loads,
      Instant now) {
    if (held.isEmpty()) return null;
    long cap = Math.max(config.minLoadCap(), ring.cap(loads, config.balanceFactor()));
    String chosen = null;
    for (String name : usable) {
      if (!held.contains(name) || !underCap(name, cap, loads, now)) continue;
      if (!spread) return name;
      if (chosen == null || loads.getOrDefault(name, 0L) < loads.getOrDefault(chosen, 0L))
        chosen = name;
    }
    return chosen;
  }

  /**
   * The first edge in {@code usable} under its cap; the cap only binds under bounded-load or
   * warm-up.
   */
  private String withinCap(
      List<String> usable, BoundedLoadRing ring, Map<String, Long> loads, Instant now) {
    long cap = Math.max(config.minLoadCap(), ring.cap(loads, config.balanceFactor()));
    for (String name : usable) {
      if (underCap(name, cap, loads, now)) return name;
    }
    // Caps over the tier sum to at least its load + 1 unless edges are warming: then the least
    // loaded.
    return usable.stream()
        .min((a, b) -> Long.compare(loads.getOrDefault(a, 0L), loads.getOrDefault(b, 0L)))
        .orElseThrow();
  }

  private boolean underCap(String name, long cap, Map<String, Long> loads, Instant now) {
    Edge edge = registry.edge(name).orElse(null);
    double warmth = edge == null ? 1.0 : edge.warmth(now, balancing.warmUp());
    if (!balancing.policy().bounded() && warmth >= 1.0) return true;
    return loads.getOrDefault(name, 0L) < (long) Math.ceil(cap * warmth);
  }

  /**
   * The first {@code broker.alternates} edges but {@code chosen} in preference order across the
   * tiers: usable edges first, tier by tier in the policy's order, then overloaded ones. Taken
   * lazily, so a decision orders no more of a large tier (every edge, in the last tier) than it
   * needs.
   */
  private List<Edge> alternates(
      Table t,
      List<Tier> tiers,
      String videoId,
      Map<String, Long> loads,
      long turn,
      String chosen) {
    int wanted = config.alternates();
    Set<String> usable = new LinkedHashSet<>();
    Set<String> overloaded = new LinkedHashSet<>();
    for (Tier tier : tiers) {
      Iterator<String> order = balancing.policy().preference(videoId, tier.ring(), loads, turn);
      while (order.hasNext() && usable.size() < wanted) {
        String e = order.next();
        if (e.equals(chosen)) continue;
        if (overloaded(e)) overloaded.add(e);
        else usable.add(e);
      }
      if (usable.size() == wanted) break;
    }
    List<Edge> alternates = new ArrayList<>();
    usable.forEach(e -> alternates.add(t.edges().get(e)));
    overloaded.stream()
        .filter(e -> !usable.contains(e))
        .limit(wanted - alternates.size())
        .forEach(e -> alternates.add(t.edges().get(e)));
    return alternates;
  }

  /** The first alternates of {@code preference} but {@code chosen}. */
  private List<Edge> alternates(Table t, List<String> preference, String chosen) {
    return preference.stream()
        .filter(e -> !e.equals(chosen))
        .limit(config.alternates())
        .map(t.edges()::get)
        .toList();
  }

  private List<Tier> tiers(Table t, String site) {
    if (site == null) return List.of(new Tier(null, t.all()));
    List<Tier> tiers = new ArrayList<>();
    BoundedLoadRing local = t.bySite().get(site);
    if (local != null) tiers.add(new Tier(RouteReason.LOCAL_SITE, local));
    for (String neighbour : balancing.siteNeighbours().neighboursOf(site)) {
      BoundedLoadRing ring = t.bySite().get(neighbour);
      if (ring != null) tiers.add(new Tier(RouteReason.NEIGHBOUR_SITE, ring));
    }
    tiers.add(new Tier(RouteReason.ANY_SITE, t.all()));
    return tiers;
  }

  private boolean overloaded(String name) {
    return registry.edge(name).map(e -> balancing.overloaded(e.load())).orElse(false);
  }

  private Map<String, Long> loads(Table current, String ownEdge) {
    Map<String, Long> loads = new HashMap<>();
    for (String name : current.all().members()) {
      long own = name.equals(ownEdge) ? 1 : 0;
      loads.put(name, Math.max(0, sessions.count(name) - own));
    }
    return loads;
  }

  private void rebuild(List<Edge> up) {
    Map<String, Edge> byName =
        up.stream().collect(Collectors.toUnmodifiableMap(Edge::name, Function.identity()));
    Table current = table;
    if (sameMembers(current.edges(), byName)) {
      table = new Table(current.all(), current.bySite(), byName);
      return;
    }
    Map<String, Set<String>> sites = new HashMap<>();
    for (Edge e : up) sites.computeIfAbsent(e.site(), s -> new TreeSet<>()).add(e.name());
    Map<String, BoundedLoadRing> bySite = new HashMap<>();
    sites.forEach(
        (site, names) -> bySite.put(site, BoundedLoadRing.of(names, config.virtualNodes())));
    table =
        new Table(
            BoundedLoadRing.of(byName.keySet(), config.virtualNodes()), Map.copyOf(bySite), byName);
  }

  private static boolean sameMembers(Map<String, Edge> a, Map<String, Edge> b) {
    if (!a.keySet().equals(b.keySet())) return false;
    return a.values().stream()
        .allMatch(
            e -> e.url().equals(b.get(e.name()).url()) && e.site().equals(b.get(e.name()).site()));
  }
}
