package org.telcocdn.broker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.index.Holding;

/**
 * The broker's local, slightly stale copy of the index's holders per title: routing reads it from
 * memory and never waits for Raft.
 *
 * <p>A title's entry older than {@code broker.index.refresh} is still served, and a background
 * refresh is started (at most one per title, at most {@link #MAX_REFRESHING} at once; a refresh
 * that finds no room is simply tried again on a later request). A refresh asks {@code
 * broker.index.member} for a bounded-staleness read with a floor of the highest applied index this
 * broker has seen and of its own last committed write, so the view never goes back in time and
 * always includes the broker's own invalidations. If that member is behind, gone, or silent for
 * {@link #MEMBER_READ_TIMEOUT} (the Raft client retries a dead member for seconds; the slow call is
 * left to finish on its own), it asks the leader (linearizable) and leaves the member alone for
 * {@link #MEMBER_BACKOFF_REFRESHES} refresh periods, so a dead member costs one slow read per
 * back-off, not one per title. If both fail the old entry is kept, but only until it is {@code
 * broker.index.max-stale} old: past that the title counts as unknown and routing falls back to the
 * policy alone, as it does with no index at all.
 */
final class HolderView implements TitleHolders, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HolderView.class);
  static final int MAX_REFRESHING = 32;
  static final int MEMBER_BACKOFF_REFRESHES = 5;
  static final Duration MEMBER_READ_TIMEOUT = Duration.ofMillis(500);

  /**
   * @param checked when a refresh last finished, successful or not; @param fetched when the index
   *     last answered
   */
  private record Entry(
      long version,
      Set<String> holders,
      boolean replicated,
      long appliedIndex,
      Instant checked,
      Instant fetched) {}

  private final TitleIndex index;
  private final IndexLinkConfig config;
  private final Clock clock;
  private final Executor refresher;
  private final BrokerMetrics metrics;
  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
  private final Set<String> refreshing = ConcurrentHashMap.newKeySet();
  private final Semaphore room = new Semaphore(MAX_REFRESHING);
  private final AtomicLong highestApplied = new AtomicLong(0);
  private volatile Instant memberBackoffUntil = Instant.MIN;
  private volatile boolean failing;

  HolderView(
      TitleIndex index,
      IndexLinkConfig config,
      Clock clock,
      Executor refresher,
      BrokerMetrics metrics) {
    this.index = index;
    this.config = config;
    this.clock = clock;
    this.refresher = refresher;
    this.metrics = metrics;
  }

  @Override
  public Set<String> of(String videoId) {
    Instant now = clock.instant();
    Entry entry = entries.get(videoId);
    if (entry == null || !now.isBefore(entry.checked().plus(config.refresh())))
      refreshLater(videoId);
    if (entry == null) return lookup("unknown", Set.of());
    if (now.isAfter(entry.fetched().plus(config.maxStale()))) return lookup("expired", Set.of());
    return lookup(
        now.isBefore(entry.fetched().plus(config.refresh())) ? "fresh" : "stale", entry.holders());
  }

  /** From the entry {@link #of} read last: never starts a refresh of its own. */
  @Override
  public boolean replicated(String videoId) {
    Entry entry = entries.get(videoId);
    return entry != null
        && entry.replicated()
        && !clock.instant().isAfter(entry.fetched().plus(config.maxStale()));
  }

  /** Records an invalidation this broker committed: the title has no holders at {@code version}. */
  void invalidated(String videoId, long version) {
    Instant now = clock.instant();
    entries.merge(
        videoId,
        new Entry(version, Set.of(), false, index.lastCommittedIndex(), now, now),
        (old, next) -> old.version() > version ? old : next);
  }

  /** Fetches one title now, on the calling thread: what a background refresh runs. */
  void refresh(String videoId) {
    long floor = Math.max(highestApplied.get(), index.lastCommittedIndex());
    Holding holding = fromMember(videoId, floor);
    String source = "member";
    if (holding == null) {
      holding = fromLeader(videoId);
      source = "leader";
    }
    if (holding == null) {
      metrics.indexRefresh("failed");
      entries.computeIfPresent(
          videoId,
          (id, old) ->
              new Entry(
                  old.version(),
                  old.holders(),
                  old.replicated(),
                  old.appliedIndex(),
                  clock.instant(),
                  old.fetched()));
      return;
    }
    metrics.indexRefresh(source);
    store(videoId, holding);
    if (failing) {
      failing = false;
      log.atInfo()
          .addKeyValue("event", "index")
          .addKeyValue("outcome", "recovered")
          .log("cache index reads work again");
    }
  }

  int size() {
    return entries.size();
  }

  @Override
  public void close() {
    index.close();
  }

  private Set<String> lookup(String outcome, Set<String> holders) {
    metrics.indexLookup(outcome);
    return holders;
  }

  private void refreshLater(String videoId) {
    if (!refreshing.add(videoId)) return;
    if (!room.tryAcquire()) {
      refreshing.remove(videoId);
      return;
    }
    try {
      refresher.execute(
          () -> {
            try {
              refresh(videoId);
            } catch (RuntimeException e) {
              log.warn("refresh of the holders of {} failed", videoId, e);
            } finally {
              refreshing.remove(videoId);
              room.release();
            }
          });
    } catch (RejectedExecutionException e) {
      refreshing.remove(videoId);
      room.release();
    }
  }

  private Holding fromMember(String videoId, long floor) {
    if (clock.instant().isBefore(memberBackoffUntil)) return null;
    try {
      return CompletableFuture.supplyAsync(
              () -> index.holdersFrom(videoId, config.member(), floor), refresher)
          .get(MEMBER_READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      // Behind the floor, restarting or gone: the leader answers for a while instead.
      memberBackoffUntil =
          clock.instant().plus(config.refresh().multipliedBy(MEMBER_BACKOFF_REFRESHES));
      log.atDebug()
          .addKeyValue("event", "index")
          .addKeyValue("member", config.member())
          .log("bounded-staleness read from {} failed: {}", config.member(), e.toString());
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private Holding fromLeader(String videoId) {
    try {
      return index.holders(videoId);
    } catch (RuntimeException e) {
      if (!failing) {
        failing = true;
        log.atWarn()
            .addKeyValue("event", "index")
            .addKeyValue("outcome", "unavailable")
            .log(
                "cache index unreachable; routing on cached holders, then without them: {}",
                e.getMessage());
      }
      return null;
    }
  }

  private void store(String videoId, Holding holding) {
    highestApplied.accumulateAndGet(holding.appliedIndex(), Math::max);
    Instant now = clock.instant();
    Entry next =
        new Entry(
            holding.version(),
            Set.copyOf(holding.holders()),
            holding.assigned().size() > 1,
            holding.appliedIndex(),
            now,
            now);
    // A slower, older answer must not overwrite a newer one (or an invalidation recorded
    // meanwhile).
    entries.merge(videoId, next, (old, fresh) -> older(fresh, old) ? old : fresh);
    if (entries.size() > config.maxTitles()) shrink();
  }

  private static boolean older(Entry a, Entry b) {
    return a.version() < b.version()
        || (a.version() == b.version() && a.appliedIndex() < b.appliedIndex());
  }

  /**
   * Past the bound: drops about a tenth of the titles; a dropped title is fetched again when asked
   * for.
   */
  private void shrink() {
    int drop = Math.max(1, config.maxTitles() / 10);
    Iterator<String> titles = entries.keySet().iterator();
    while (drop-- > 0 && titles.hasNext()) {
      titles.next();
      titles.remove();
    }
  }
}
