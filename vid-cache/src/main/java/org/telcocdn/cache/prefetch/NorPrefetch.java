package org.telcocdn.cache.prefetch;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.ChannelHandler;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.cache.fill.Fills;
import org.telcocdn.cache.storage.Allocations;
import org.telcocdn.cache.storage.CacheKey;
import org.telcocdn.cache.storage.Tiers;
import org.telcocdn.cache.storage.TitleVersions;

/**
 * CMCD {@code nor} prefetch (CTA-5004; docs/prediction.md, "CMCD nor prefetch"): a viewer's request
 * names the next object its player will ask for; when the edge does not hold it, the edge starts
 * the fill a viewer's miss would start (same source, same coalescing: a viewer asking meanwhile
 * joins it), in the background, so the next request is a hit.
 *
 * <p>Behind viewers: at most {@code edge.prefetch.max-in-flight} prefetches at once, none while
 * half of the edge's fill cap is in flight, only objects of the request's own title under {@code
 * /videos/}, never for a request answered 4xx or 5xx (an unsigned or unknown request earns
 * nothing). Every hint is counted once in {@code edge_prefetch_total{outcome}} ({@link
 * PrefetchOutcome}); hints refused as bad are logged (at most one line a second), the rest at
 * debug. Runs on the event loop: every step here is a map lookup, the fill runs elsewhere.
 */
public final class NorPrefetch {
  private static final Logger log = LoggerFactory.getLogger(NorPrefetch.class);
  private static final long BAD_HINT_LOG_MILLIS = 1000;

  private final PrefetchConfig config;
  private final Tiers tiers;
  private final Fills fills;
  private final TitleVersions versions;
  private final Allocations allocations;
  private final int busyFills;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicLong lastBadHintLog = new AtomicLong();
  private final Map<PrefetchOutcome, Counter> counters = new EnumMap<>(PrefetchOutcome.class);

  /**
   * @param maxFills the edge's cap on fills in flight ({@code edge.limits.max-fills})
   */
  public NorPrefetch(
      PrefetchConfig config,
      Tiers tiers,
      Fills fills,
      TitleVersions versions,
      Allocations allocations,
      int maxFills,
      MeterRegistry registry) {
    this.config = config;
    this.tiers = tiers;
    this.fills = fills;
    this.versions = versions;
    this.allocations = allocations;
    this.busyFills = Math.max(1, maxFills / 2);
    for (PrefetchOutcome o : PrefetchOutcome.values())
      counters.put(
          o,
          Counter.builder("edge_prefetch")
              .description("CMCD nor hints of viewer requests, by what became of them")
              .tag("outcome", o.label())
              .register(registry));
  }

  /** The handler for one viewer connection's pipeline. */
  public ChannelHandler handler() {
    return new NorHandler(this);
  }

  /** Prefetches in flight now. */
  public int inFlight() {
    return inFlight.get();
  }

  /**
   * A request to {@code uri} carried {@code nor} (as sent: still URL-encoded) and got {@code
   * status}.
   */
  void hint(String uri, String nor, int status) {
    if (status >= 400) {
      count(PrefetchOutcome.ERROR_RESPONSE, uri, nor);
      return;
    }
    NorTarget target = NorTarget.resolve(uri, nor);
    if (target.key() == null) {
      count(target.refusal(), uri, nor);
      return;
    }
    CacheKey key = target.key();
    PrefetchOutcome skip = skip(key);
    if (skip != null) {
      count(skip, uri, key.toString());
      return;
    }
    if (inFlight.incrementAndGet() > config.maxInFlight()) {
      inFlight.decrementAndGet();
      count(PrefetchOutcome.LIMIT, uri, key.toString());
      return;
    }
    fills
        .pull(key, true)
        .whenComplete(
            (stored, error) -> {
              inFlight.decrementAndGet();
              boolean ok = error == null && Boolean.TRUE.equals(stored);
              count(ok ? PrefetchOutcome.FETCHED : PrefetchOutcome.FAILED, uri, key.toString());
              if (!ok) log.info("prefetch of {} (nor of {}) not stored: {}", key, uri, error);
            });
  }

  /** Why a fill for {@code key} is not started, or null when it should be. */
  private PrefetchOutcome skip(CacheKey key) {
    if (held(key)) return PrefetchOutcome.HELD;
    if (!allocations.stores(key)) return PrefetchOutcome.NOT_STORED;
    if (!fills.settled(key).isDone()) return PrefetchOutcome.COALESCED;
    if (fills.fetching() >= busyFills) return PrefetchOutcome.BUSY;
    return null;
  }

  private boolean held(CacheKey key) {
    var memory = tiers.memory().lookup(key);
    if (memory.isPresent() && !versions.stale(key.videoId(), memory.get().meta())) return true;
    return tiers.disk().meta(key).filter(m -> !versions.stale(key.videoId(), m)).isPresent();
  }

  private void count(PrefetchOutcome outcome, String uri, String what) {
    counters.get(outcome).increment();
    if (outcome == PrefetchOutcome.OTHER_HOST
        || outcome == PrefetchOutcome.OUTSIDE_TITLE
        || outcome == PrefetchOutcome.MALFORMED) {
      long now = System.currentTimeMillis();
      long last = lastBadHintLog.get();
      if (now - last >= BAD_HINT_LOG_MILLIS && lastBadHintLog.compareAndSet(last, now)) {
        log.info("prefetch refused ({}): nor '{}' of {}", outcome.label(), cut(what), cut(uri));
        return;
      }
    }
    log.debug("prefetch {}: {} (nor of {})", outcome.label(), cut(what), cut(uri));
  }

  /** What a viewer sent is logged at most this long: a log line stays small. */
  private static String cut(String s) {
    return s.length() <= 200 ? s : s.substring(0, 200) + "…";
  }
}
