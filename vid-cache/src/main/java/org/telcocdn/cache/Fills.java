package org.telcocdn.cache;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.telcocdn.protocol.origin.client.AsyncOriginClient;

/**
 * The fills in flight, one per key: concurrent misses for the same object share one origin fetch.
 * A fill leaves the map only after its object is committed to the tiers, so a request either joins
 * it or finds the object stored; there is no window where a second fetch would start.
 */
final class Fills {
  private final ConcurrentHashMap<CacheKey, Fill> inFlight = new ConcurrentHashMap<>();
  /** Fills not yet committed, including ones already out of the map (invalidated): a drain waits. */
  private final InFlight running = new InFlight();
  private final Tiers tiers;
  private final Executor diskExecutor;
  private final Executor commitExecutor;
  private final AsyncOriginClient origin;
  private final EdgeMetrics metrics;

  Fills(Tiers tiers, Executor diskExecutor, Executor commitExecutor, AsyncOriginClient origin, EdgeMetrics metrics) {
    this.tiers = tiers;
    this.diskExecutor = diskExecutor;
    this.commitExecutor = commitExecutor;
    this.origin = origin;
    this.metrics = metrics;
  }

  /** Subscribes to the key's fill, starting one if none runs; returns MISS or COALESCED. */
  CacheOutcome join(CacheKey key, Function<CacheOutcome, FillSubscriber> subscriber) {
    Fill[] created = new Fill[1];
    Fill fill = inFlight.computeIfAbsent(key, k -> created[0] = newFill(k));
    CacheOutcome outcome = fill == created[0] ? CacheOutcome.MISS
        : fill.isComplete() ? CacheOutcome.HIT_MEMORY // every byte is here, only the disk commit is pending
        : CacheOutcome.COALESCED;
    fill.subscribe(subscriber.apply(outcome));
    if (outcome == CacheOutcome.MISS) {
      metrics.originFetch();
      fill.start(origin);
    }
    return outcome;
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
    self[0] = new Fill(key, tiers, diskExecutor, commitExecutor, () -> {
      inFlight.remove(key, self[0]);
      running.ended();
    });
    return self[0];
  }
}
