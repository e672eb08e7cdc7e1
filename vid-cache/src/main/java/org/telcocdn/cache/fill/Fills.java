package org.telcocdn.cache.fill;

import io.netty.buffer.ByteBufAllocator;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import org.telcocdn.cache.metrics.CacheOutcome;
import org.telcocdn.cache.metrics.InFlight;
import org.telcocdn.cache.storage.Allocations;
import org.telcocdn.cache.storage.CacheKey;
import org.telcocdn.cache.storage.Tiers;
import org.telcocdn.cache.storage.TitleVersions;

/**
 * The fills in flight, one per key: concurrent misses for the same object share one fetch, from the
 * origin or from a site peer ({@link FillSource}). A fill leaves the map only after its object is
 * committed to the tiers, so a request either joins it or finds the object stored; there is no
 * window where a second fetch would start.
 *
 * <p>At most {@code maxFills} fetches run at once ({@code edge.limits.max-fills}): a miss that
 * would start one more is refused ({@link CacheOutcome#BUSY}, a 503 with {@code Retry-After}) while
 * misses that join a running fetch are not. Each fetch holds its object's bytes until committed, so
 * without the cap a client asking for many distinct cold objects at once decided how much memory
 * the edge used.
 */
public final class Fills {
  private final ConcurrentHashMap<CacheKey, Fill> inFlight = new ConcurrentHashMap<>();

  /**
   * Fills not yet committed, including ones already out of the map (invalidated): a drain waits.
   */
  private final InFlight running = new InFlight();

  private final Tiers tiers;
  private final Executor diskExecutor;
  private final Executor commitExecutor;
  private final TitleVersions versions;
  private volatile Function<CacheKey, FillSource> sources;
  private volatile Admissions admissions = Admissions.NONE;
  private final Allocations allocations;
  private final ByteBufAllocator allocator;
  private final int maxFills;
  private final AtomicInteger fetching = new AtomicInteger();

  /** A response without Content-Length is stored only if it ends within this many bytes. */
  private final long maxUnsized;

  /** Without a cap on fills in flight. */
  public Fills(
      Tiers tiers,
      Executor diskExecutor,
      Executor commitExecutor,
      TitleVersions versions,
      FillSource origin,
      Allocations allocations,
      ByteBufAllocator allocator) {
    this(
        tiers,
        diskExecutor,
        commitExecutor,
        versions,
        origin,
        allocations,
        allocator,
        Integer.MAX_VALUE,
        16L << 20);
  }

  /**
   * @param allocator where fills take their chunks: the channels' pooled allocator, in the edge
   * @param maxFills fills in flight at most; a miss over it is answered BUSY
   * @param maxUnsized a response without Content-Length is stored only if it ends within this many
   *     bytes
   */
  public Fills(
      Tiers tiers,
      Executor diskExecutor,
      Executor commitExecutor,
      TitleVersions versions,
      FillSource origin,
      Allocations allocations,
      ByteBufAllocator allocator,
      int maxFills,
      long maxUnsized) {
    this.maxFills = maxFills;
    this.maxUnsized = maxUnsized;
    this.allocations = allocations;
    this.allocator = allocator;
    this.tiers = tiers;
    this.diskExecutor = diskExecutor;
    this.commitExecutor = commitExecutor;
    this.versions = versions;
    this.sources = key -> origin;
  }

  /** Replication picks a peer or the origin per miss, and hears of each admission. */
  public void replicateWith(Function<CacheKey, FillSource> sources, Admissions admissions) {
    this.sources = sources;
    this.admissions = admissions;
  }

  /**
   * Subscribes to the key's fill, starting one if none runs; returns MISS or COALESCED, or BUSY
   * (nothing subscribed) when a new fill would be one over the cap.
   */
  public CacheOutcome join(CacheKey key, Function<CacheOutcome, FillSubscriber> subscriber) {
    return join(key, null, subscriber);
  }

  /**
   * As {@link #join(CacheKey, Function)}, a new fill starting from {@code source} (an HTTP origin
   * request made for this viewer), or from the default source when it is null.
   */
  public CacheOutcome join(
      CacheKey key, FillSource source, Function<CacheOutcome, FillSubscriber> subscriber) {
    CacheOutcome[] outcome = new CacheOutcome[1];
    // Subscribing inside compute() holds the key's bin lock, which the removal in newFill's onDone
    // also takes: a fill is never joined after it left the map and released its chunks.
    Fill fill =
        inFlight.compute(
            key,
            (k, running) -> {
              if (running == null && !reserve()) {
                outcome[0] = CacheOutcome.BUSY;
                return null;
              }
              Fill f = running != null ? running : newFill(k, true);
              outcome[0] =
                  running == null
                      ? CacheOutcome.MISS
                      : running.isComplete()
                          ? CacheOutcome
                              .HIT_MEMORY // every byte is here, only the disk commit is pending
                          : CacheOutcome.COALESCED;
              f.subscribe(subscriber.apply(outcome[0]));
              return f;
            });
    if (outcome[0] == CacheOutcome.MISS) fill.start(source != null ? source : sources.apply(key));
    return outcome[0];
  }

  /**
   * A fill no viewer waits for, from {@code source} (a replication pull): completes with true once
   * the object is committed. Joins a fill already running for the key instead of starting one.
   */
  public CompletableFuture<Boolean> pull(CacheKey key, FillSource source) {
    return pull(key, source, true);
  }

  /**
   * As {@link #pull(CacheKey, FillSource)}; {@code memory} false keeps the object out of the memory
   * tier (a preposition: nobody asked for it yet, and the memory tier is for what viewers ask for
   * now), it goes to disk only.
   */
  public CompletableFuture<Boolean> pull(CacheKey key, FillSource source, boolean memory) {
    Fill fill = pulling(key, source, memory);
    if (fill == null)
      return CompletableFuture.completedFuture(false); // at the cap: anti-entropy tries again
    return fill.finished();
  }

  /**
   * As {@link #pull(CacheKey, FillSource, boolean)}, completing with where the stored bytes came
   * from ({@link Fill#provenance()}: {@code source}'s answer, or that of the fill it joined), or
   * empty when they were not stored.
   */
  public CompletableFuture<Optional<String>> pullTraced(
      CacheKey key, FillSource source, boolean memory) {
    Fill fill = pulling(key, source, memory);
    if (fill == null) return CompletableFuture.completedFuture(Optional.empty());
    return fill.finished()
        .thenApply(stored -> stored ? Optional.of(fill.provenance()) : Optional.empty());
  }

  /**
   * The fill of {@code key}: a running one joined, or one started from {@code source}; null at the
   * cap.
   */
  private Fill pulling(CacheKey key, FillSource source, boolean memory) {
    Fill[] created = new Fill[1];
    Fill fill =
        inFlight.computeIfAbsent(key, k -> reserve() ? created[0] = newFill(k, memory) : null);
    if (fill != null && fill == created[0]) fill.start(source);
    return fill;
  }

  /**
   * As {@link #pull(CacheKey, FillSource, boolean)}, from the source a viewer's miss of the key
   * would start from (a site peer, a parent or the origin): a CMCD {@code nor} prefetch.
   */
  public CompletableFuture<Boolean> pull(CacheKey key, boolean memory) {
    return pull(key, sources.apply(key), memory);
  }

  /**
   * Stops fills of {@code videoId} from storing what they fetch: the bytes may be of the version
   * being invalidated. Their clients still get them; the next request starts a fresh fill.
   */
  public void invalidate(String videoId) {
    inFlight.forEach(
        (key, fill) -> {
          if (key.videoId().equals(videoId)) {
            fill.discard();
            inFlight.remove(key, fill);
          }
        });
  }

  /**
   * As {@link #invalidate(String)}, for the keys {@code which} accepts (an HTTP object's parts).
   */
  public void discardIf(Predicate<CacheKey> which) {
    inFlight.forEach(
        (key, fill) -> {
          if (which.test(key)) {
            fill.discard();
            inFlight.remove(key, fill);
          }
        });
  }

  /**
   * Completes once the fill of {@code key} running now, if any, is committed (or failed) and out of
   * the map, so that a request that may not join it can look in the tiers again.
   */
  public CompletableFuture<Boolean> settled(CacheKey key) {
    Fill fill = inFlight.get(key);
    return fill == null ? CompletableFuture.completedFuture(false) : fill.finished();
  }

  public InFlight running() {
    return running;
  }

  public int size() {
    return inFlight.size();
  }

  /** Fetches running now, counted against {@code maxFills}. */
  public int fetching() {
    return fetching.get();
  }

  private boolean reserve() {
    if (fetching.incrementAndGet() <= maxFills) return true;
    fetching.decrementAndGet();
    return false;
  }

  private Fill newFill(CacheKey key, boolean memory) {
    Fill[] self = new Fill[1];
    running.started();
    self[0] =
        new Fill(
            key,
            tiers,
            diskExecutor,
            commitExecutor,
            versions,
            (k, meta, source) -> admissions.admitted(k, meta, source),
            allocations.stores(key),
            allocator,
            () -> {
              inFlight.remove(key, self[0]); // under the key's bin lock, like join's subscribe
              self[0].release();
              fetching.decrementAndGet();
              running.ended();
            },
            () -> inFlight.remove(key, self[0]),
            maxUnsized,
            memory);
    return self[0];
  }
}
