package org.telcocdn.cache.replication;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.cache.storage.DiskTier;
import org.telcocdn.cache.storage.TitleVersions;
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
 *       this edge holds or was asked for) in one linearizable read, learns versions from it, and
 *       keeps it for peer-fill choices: bounded staleness of about one tick.
 * </ul>
 */
final class IndexLink implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(IndexLink.class);

  private final String self;
  private final long capacityBytes;
  private final IndexClient client;
  private final DiskTier disk;
  private final TitleVersions versions;
  private final SitePeers peers;
  private final Supplier<Set<String>> wanted;
  private final AtomicBoolean reporting = new AtomicBoolean();
  private final AtomicBoolean reading = new AtomicBoolean();
  private volatile boolean registered;
  private volatile Map<String, Long> reported = new HashMap<>();
  private volatile Map<String, Holding> view = Map.of();

  IndexLink(
      String self,
      long capacityBytes,
      IndexClient client,
      DiskTier disk,
      TitleVersions versions,
      SitePeers peers,
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
    List<Admission> admitted = new ArrayList<>();
    now.forEach(
        (videoId, version) -> {
          if (!version.equals(reported.get(videoId))) admitted.add(new Admission(videoId, version));
        });
    List<String> evicted = reported.keySet().stream().filter(id -> !now.containsKey(id)).toList();
    if (admitted.isEmpty() && evicted.isEmpty()) {
      reporting.set(false);
      return;
    }
    client
        .submitAsync(new ReportHoldings(self, admitted, evicted))
        .whenComplete(
            (results, error) -> {
              if (error == null && results[0] >= 0) reported = now;
              else if (error == null)
                registered = false; // the index forgot this edge (RemoveEdge): join again
              else log.debug("holdings report failed, resent next tick: {}", error.toString());
              reporting.set(false);
            });
  }

  private void readView() {
    if (!reading.compareAndSet(false, true)) return;
    List<String> edges = new ArrayList<>(peers.names());
    edges.add(self);
    Set<String> titles = new TreeSet<>(wanted.get());
    titles.addAll(reported.keySet());
    client
        .siteViewAsync(edges, List.copyOf(titles))
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
