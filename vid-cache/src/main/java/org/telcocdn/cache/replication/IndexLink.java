package org.telcocdn.cache.replication;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.cache.storage.DiskTier;
import org.telcocdn.cache.storage.TitleVersions;
import org.telcocdn.index.CommandRules;
import org.telcocdn.index.Holding;
import org.telcocdn.index.IndexClient;
import org.telcocdn.index.IndexCommand.Admission;
import org.telcocdn.index.IndexCommand.ReportHoldings;

/**
 * The edge's side of the cache index, run on the replication scheduler and never on a request:
 *
 * <ul>
 *   <li>registers ({@code AddEdge} with the disk capacity) until that succeeds;
 *   <li>each tick compares what the disk holds per title (and at which version) with what was last
 *       reported, and sends the difference as one {@code ReportHoldings}; a failed report is simply
 *       diffed again next tick;
 *   <li>each tick reads the site view (every title a site edge holds or is assigned, plus the ones
 *       this edge holds or was asked for, plus any a peer named at a version this edge had not
 *       learned) in one linearizable read, learns versions from it, and keeps it for peer-fill
 *       choices: bounded staleness of about one tick. The index is where versions come from.
 * </ul>
 */
final class IndexLink implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(IndexLink.class);
  static final int MAX_ASKED = 1_024;

  private final String self;
  private final long capacityBytes;
  private final IndexClient client;
  private final DiskTier disk;
  private final TitleVersions versions;

  /** The site peers' names: the other edges whose holdings make the site view. */
  private final Supplier<List<String>> peers;

  private final Supplier<Set<String>> wanted;
  private final AtomicBoolean reporting = new AtomicBoolean();
  private final AtomicBoolean reading = new AtomicBoolean();

  /** Titles a peer named at a version this edge had not learned: read from the index next tick. */
  private final Set<String> asked = ConcurrentHashMap.newKeySet();

  private volatile boolean registered;
  private volatile Map<String, Long> reported = new HashMap<>();
  private volatile Map<String, Holding> view = Map.of();

  IndexLink(
      String self,
      long capacityBytes,
      IndexClient client,
      DiskTier disk,
      TitleVersions versions,
      Supplier<List<String>> peers,
      Supplier<Set<String>> wanted) {
    this.self = self;
    this.capacityBytes = capacityBytes;
    this.client = client;
    this.disk = disk;
    this.versions = versions;
    this.peers = peers;
    this.wanted = wanted;
  }

  void tick() {
    if (!registered) register();
    if (registered) report();
    readView();
  }

  Optional<Holding> holding(String videoId) {
    return Optional.ofNullable(view.get(videoId));
  }

  /**
   * A peer named {@code videoId} at a version this edge has not learned: the next site-view read
   * asks the index about it, and the index's answer, not the peer's word, is what is learned. At
   * most {@link #MAX_ASKED} titles wait; more are dropped (the next digest names them again).
   */
  void ask(String videoId) {
    if (asked.size() < MAX_ASKED) asked.add(videoId);
  }

  /** The titles the index assigns to this edge. */
  Set<String> assigned() {
    Set<String> mine = new TreeSet<>();
    view.forEach(
        (videoId, h) -> {
          if (h.assigned().contains(self)) mine.add(videoId);
        });
    return mine;
  }

  private void register() {
    try {
      client.addEdge(self, capacityBytes);
      registered = true;
      log.info("edge {} registered at the cache index ({} bytes)", self, capacityBytes);
    } catch (RuntimeException e) {
      log.debug("cache index not reachable yet: {}", e.toString());
    }
  }

  private void report() {
    if (!reporting.compareAndSet(false, true)) return; // the last report is still in flight
    Map<String, Long> now = new HashMap<>();
    disk.titles().forEach((videoId, copies) -> now.put(videoId, copies.version()));
    Map<String, Long> before = reported;
    // At most CommandRules.MAX_ITEMS of each per report (the index refuses more): after a restart
    // with
    // a full disk the difference goes out over several ticks.
    List<Admission> admitted = new ArrayList<>();
    now.forEach(
        (videoId, version) -> {
          if (!version.equals(before.get(videoId)) && admitted.size() < CommandRules.MAX_ITEMS)
            admitted.add(new Admission(videoId, version));
        });
    List<String> evicted =
        before.keySet().stream()
            .filter(id -> !now.containsKey(id))
            .limit(CommandRules.MAX_ITEMS)
            .toList();
    if (admitted.isEmpty() && evicted.isEmpty()) {
      reporting.set(false);
      return;
    }
    Map<String, Long> sent = new HashMap<>(before);
    admitted.forEach(a -> sent.put(a.videoId(), a.version()));
    evicted.forEach(sent::remove);
    client
        .submitAsync(new ReportHoldings(self, admitted, evicted))
        .whenComplete(
            (results, error) -> {
              if (error == null && results[0] >= 0) reported = sent;
              else if (error == null)
                registered = false; // the index forgot this edge (RemoveEdge): join again
              else log.debug("holdings report failed, resent next tick: {}", error.toString());
              reporting.set(false);
            });
  }

  private void readView() {
    if (!reading.compareAndSet(false, true)) return;
    List<String> edges = new ArrayList<>(peers.get());
    edges.add(self);
    Set<String> titles = new TreeSet<>(wanted.get());
    titles.addAll(reported.keySet());
    List<String> askedNow = List.copyOf(asked);
    titles.addAll(askedNow);
    asked.removeAll(askedNow);
    client
        .siteViewAsync(edges, titles.stream().limit(CommandRules.MAX_QUERY_TITLES).toList())
        .whenComplete(
            (holdings, error) -> {
              try {
                if (error != null) {
                  log.debug("site view read failed: {}", error.toString());
                  return;
                }
                Map<String, Holding> next = new HashMap<>();
                for (Holding h : holdings) {
                  next.put(h.videoId(), h);
                  versions.learn(h.videoId(), h.version());
                }
                view = next;
              } finally {
                reading.set(false);
              }
            });
  }

  @Override
  public void close() {
    client.close();
  }
}
