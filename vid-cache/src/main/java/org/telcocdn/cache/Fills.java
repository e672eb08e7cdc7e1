package org.telcocdn.cache;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * The fills in flight, one per key: concurrent misses for the same object share one fetch, from the
 * origin or from a site peer ({@link FillSource}). A fill leaves the map only after its object is
 * committed to the tiers, so a request either joins it or finds the object stored; there is no window
 * where a second fetch would start.
 */
final class Fills {
  private final ConcurrentHashMap<CacheKey, Fill> inFlight = new ConcurrentHashMap<>();
  /** Fills not yet committed, including ones already out of the map (invalidated): a drain waits. */
  private final InFlight running = new InFlight();
  private final Tiers tiers;
  private final Executor diskExecutor;
  private final Executor commitExecutor;
  private final TitleVersions versions;
  private volatile Function<CacheKey, FillSource> sources;
  private volatile Admissions admissions = Admissions.NONE;
  private final Allocations allocations;

  Fills(Tiers tiers, Executor diskExecutor, Executor commitExecutor, TitleVersions versions, FillSource origin,
      Allocations allocations) {
    this.allocations = allocations;
    this.tiers = tiers;
    this.diskExecutor = diskExecutor;
    this.commitExecutor = commitExecutor;
    this.versions = versions;
    this.sources = key -> origin;
  }

  /** Replication picks a peer or the origin per miss, and hears of each admission. */
  void replicateWith(Function<CacheKey, FillSource> sources, Admissions admissions) {
    this.sources = sources;
    this.admissions = admissions;
  }

  /** Subscribes to the key's fill, starting one if none runs; returns MISS or COALESCED. */
  CacheOutcome join(CacheKey key, Function<CacheOutcome, FillSubscriber> subscriber) {
    Fill[] created = new Fill[1];
    Fill fill = inFlight.computeIfAbsent(key, k -> created[0] = newFill(k));
    CacheOutcome outcome = fill == created[0] ? CacheOutcome.MISS
        : fill.isComplete() ? CacheOutcome.HIT_MEMORY // every byte is here, only the disk commit is pending
        : CacheOutcome.COALESCED;
    fill.subscribe(subscriber.apply(outcome));
    if (outcome == CacheOutcome.MISS) fill.start(sources.apply(key));
    return outcome;
  }

  /**
   * A fill no viewer waits for, from {@code source} (a replication pull): completes with true once
   * the object is committed. Joins a fill already running for the key instead of starting one.
   */
  CompletableFuture<Boolean> pull(CacheKey key, FillSource source) {
    Fill[] created = new Fill[1];
    Fill fill = inFlight.computeIfAbsent(key, k -> created[0] = newFill(k));
    if (fill == created[0]) fill.start(source);
    return fill.finished();
  }

  /**
   * Stops fills of {@code videoId} from storing what they fetch: the bytes may be of the version
   * being invalidated. Their clients still get them; the next request starts a fresh fill.
   */
  void invalidate(String videoId) {
    inFlight.forEach((key, fill) -> {
      if (key.videoId().equals(videoId)) {
        fill.discard();
        inFlight.remove(key, fill);
      }
    });
  }

  InFlight running() {
    return running;
  }

  int size() {
    return inFlight.size();
  }

  private Fill newFill(CacheKey key) {
    Fill[] self = new Fill[1];
    running.started();
    self[0] = new Fill(key, tiers, diskExecutor, commitExecutor, versions, (k, meta, source) -> admissions.admitted(k, meta, source), allocations.stores(key), () -> {
      inFlight.remove(key, self[0]);
      running.ended();
    });
    return self[0];
  }
}
