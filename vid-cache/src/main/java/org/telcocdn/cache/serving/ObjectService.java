package org.telcocdn.cache.serving;

import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.cache.fill.Fills;
import org.telcocdn.cache.integrity.Revalidation;
import org.telcocdn.cache.live.LiveEdge;
import org.telcocdn.cache.metrics.CacheOutcome;
import org.telcocdn.cache.metrics.EdgeMetrics;
import org.telcocdn.cache.replication.EdgeReplication;
import org.telcocdn.cache.storage.CacheKey;
import org.telcocdn.cache.storage.DiskTier;
import org.telcocdn.cache.storage.MemoryTier;
import org.telcocdn.cache.storage.ObjectMeta;
import org.telcocdn.cache.storage.Tiers;
import org.telcocdn.cache.storage.TitleVersions;
import org.telcocdn.common.video.LiveChannelId;
import org.telcocdn.common.video.VideoId;

/**
 * Serves {@code GET|HEAD /videos/{id}/{path...}}: memory tier, then disk tier (zero-copy), then the
 * shared fill (from the origin, or from a site peer whose copy is checked first). Runs on the event
 * loop and never blocks it: the disk hit only opens a file and reads its small header, which the
 * page cache holds for hot objects.
 */
public final class ObjectService {
  private static final Logger log = LoggerFactory.getLogger(ObjectService.class);

  private final Tiers tiers;
  private final Fills fills;
  private final EdgeMetrics metrics;
  private final TitleVersions versions;

  /** Null when the edge works alone. */
  private final EdgeReplication replication;

  private final Revalidation revalidation;

  /** Live channels' objects (ids starting {@code live-}); never in the VOD tiers. */
  private final LiveService live;

  public ObjectService(
      Tiers tiers,
      Fills fills,
      EdgeMetrics metrics,
      TitleVersions versions,
      EdgeReplication replication,
      Revalidation revalidation,
      LiveEdge liveEdge) {
    this(
        tiers,
        fills,
        metrics,
        versions,
        replication,
        revalidation,
        new LiveService(liveEdge, metrics));
  }

  private ObjectService(
      Tiers tiers,
      Fills fills,
      EdgeMetrics metrics,
      TitleVersions versions,
      EdgeReplication replication,
      Revalidation revalidation,
      LiveService live) {
    this.live = live;
    this.replication = replication;
    this.revalidation = revalidation;
    this.versions = versions;
    this.tiers = tiers;
    this.fills = fills;
    this.metrics = metrics;
  }

  /** Without live channels (tests of the VOD path). */
  public ObjectService(
      Tiers tiers,
      Fills fills,
      EdgeMetrics metrics,
      TitleVersions versions,
      EdgeReplication replication,
      Revalidation revalidation) {
    this.live = null;
    this.replication = replication;
    this.revalidation = revalidation;
    this.versions = versions;
    this.tiers = tiers;
    this.fills = fills;
    this.metrics = metrics;
  }

  /**
   * {@code segments} are the decoded path after {@code /videos}, already free of {@code ..}. A
   * title held from before a restart and not yet confirmed by the origin ({@link Revalidation}) is
   * asked about first, off the event loop, and the request answered when that is settled.
   */
  void serve(Exchange exchange, List<String> segments) {
    CacheKey key = key(exchange, segments);
    if (key != null) serveChecked(exchange, key);
  }

  /**
   * {@code GET /internal/tier/videos/...} on a regional cache: a child edge's fill, served as a
   * viewer's request is (hit, or a fill joined or started, streamed through) with the copy's
   * version in the head. {@code childVersion} is the version the child knows: a newer one than this
   * cache knows drops its older copies first, so an updated title is fetched anew here too (the
   * broker tells edges of updates, not regional caches). With {@code onlyIfCached} (the child's
   * {@code Cache-Control: only-if-cached}) a copy this cache does not hold is a 504, not a fill.
   */
  void serveTier(
      Exchange exchange, List<String> segments, long childVersion, boolean onlyIfCached) {
    CacheKey key = key(exchange, segments);
    if (key == null) return;
    exchange.tierFill();
    if (versions.learn(key.videoId(), childVersion))
      log.info("{}: version {} learned from a child edge", key.videoId(), childVersion);
    if (!onlyIfCached) {
      serveChecked(exchange, key);
      return;
    }
    // A child asking while its own parent is slow to answer (docs/topology.md, "Failover"): a
    // stored copy or a 504 at once, never a fill of ours (RFC 9111 section 5.2.1.7).
    if (fromTiers(exchange, key, CacheOutcome.HIT_MEMORY, CacheOutcome.HIT_DISK)) return;
    metrics.outcome(CacheOutcome.NOT_FOUND);
    exchange.error(
        504,
        "not_cached",
        key + " is not cached here, and the child asked only-if-cached",
        CacheOutcome.NOT_FOUND);
  }

  private void serveChecked(Exchange exchange, CacheKey key) {
    if (live != null && LiveChannelId.isLive(key.videoId())) {
      live.serve(exchange, key);
      return;
    }
    if (revalidation.gates(key.videoId())) {
      revalidation
          .confirm(key.videoId())
          .whenComplete((outcome, e) -> exchange.onEventLoop(() -> serveConfirmed(exchange, key)));
      return;
    }
    serve(exchange, key);
  }

  private void serveConfirmed(Exchange exchange, CacheKey key) {
    try {
      serve(exchange, key);
    } catch (RuntimeException e) {
      log.warn("{} failed after its revalidation", key, e);
      if (!exchange.isFinished())
        exchange.error(500, "internal", "the edge failed to answer", CacheOutcome.REJECTED);
    }
  }

  private void serve(Exchange exchange, CacheKey key) {
    if (replication != null) replication.requested(key.videoId());
    if (fromTiers(exchange, key, CacheOutcome.HIT_MEMORY, CacheOutcome.HIT_DISK)) return;
    if (fills.join(key, outcome -> new StreamedResponse(exchange, key, outcome, metrics))
        == CacheOutcome.BUSY) {
      metrics.outcome(CacheOutcome.BUSY);
      exchange.busy(
          "the edge has its most fills in flight; retry shortly or use an alternate edge");
    }
  }

  /**
   * {@code GET /internal/peer/videos/...}: only-if-cached, so a peer's fill never starts another
   * fill here.
   */
  void servePeer(Exchange exchange, List<String> segments) {
    CacheKey key = key(exchange, segments);
    if (key == null || fromTiers(exchange, key, CacheOutcome.TO_PEER, CacheOutcome.TO_PEER)) return;
    exchange.error(
        404,
        "not_cached",
        key + " is not cached here at the current version",
        CacheOutcome.TO_PEER);
  }

  private CacheKey key(Exchange exchange, List<String> segments) {
    if (segments.size() < 2 || !VideoId.isValid(segments.getFirst())) {
      reject(exchange, "expected /videos/{id}/{path} with an id matching " + VideoId.PATTERN);
      return null;
    }
    return new CacheKey(
        segments.getFirst(), String.join("/", segments.subList(1, segments.size())));
  }

  /**
   * Serves a fresh copy from memory or disk; a copy older than the known version is dropped, never
   * served.
   */
  private boolean fromTiers(
      Exchange exchange, CacheKey key, CacheOutcome memoryOutcome, CacheOutcome diskOutcome) {
    boolean stale = false;
    Optional<MemoryTier.Entry> inMemory = tiers.memory().lookup(key);
    if (inMemory.isPresent()) {
      if (versions.stale(key.videoId(), inMemory.get().meta())) stale = true;
      else if (fromMemory(exchange, key, inMemory.get(), memoryOutcome)) return true;
      // else: evicted and freed since the lookup; the disk may still hold it
    }
    Optional<DiskTier.Entry> onDisk = tiers.disk().lookup(key);
    if (onDisk.isPresent()) {
      if (!versions.stale(key.videoId(), onDisk.get().meta())) {
        fromDisk(exchange, key, onDisk.get(), diskOutcome);
        return true;
      }
      onDisk.get().release();
      stale = true;
    }
    if (stale) {
      tiers.remove(key);
      log.debug("{}: dropped a copy older than version {}", key, versions.known(key.videoId()));
    }
    return false;
  }

  void reject(Exchange exchange, String message) {
    metrics.outcome(CacheOutcome.REJECTED);
    exchange.error(400, "bad_request", message, CacheOutcome.REJECTED);
  }

  /** False, with nothing sent, when the entry was evicted and released since it was looked up. */
  private boolean fromMemory(
      Exchange exchange, CacheKey key, MemoryTier.Entry entry, CacheOutcome outcome) {
    ResponsePlan plan = ResponsePlan.of(exchange.request(), entry.meta());
    if (!plan.sendBody() || plan.length() == 0) {
      served(exchange, key, plan, outcome);
      exchange.objectWithoutBody(plan, entry.meta(), outcome);
      return true;
    }
    Optional<ByteBuf> body = entry.body(plan.offset(), plan.length());
    if (body.isEmpty()) return false;
    served(exchange, key, plan, outcome);
    exchange.head(plan, entry.meta(), outcome);
    exchange.last(body.get());
    return true;
  }

  private void fromDisk(
      Exchange exchange, CacheKey key, DiskTier.Entry entry, CacheOutcome outcome) {
    ResponsePlan plan = served(exchange, key, entry.meta(), outcome);
    if (!plan.sendBody() || plan.length() == 0) {
      entry.release();
      exchange.objectWithoutBody(plan, entry.meta(), outcome);
      return;
    }
    exchange.head(plan, entry.meta(), outcome);
    // sendfile on plaintext, after the head in one flush; on a TLS listener the head goes alone,
    // then RegionChunks reads the region chunk by chunk
    if (exchange.tls()) exchange.flushHead();
    exchange.bodyRegion(entry.region(plan.offset(), plan.length()), plan.length());
    exchange.end();
  }

  private ResponsePlan served(
      Exchange exchange, CacheKey key, ObjectMeta meta, CacheOutcome outcome) {
    ResponsePlan plan = ResponsePlan.of(exchange.request(), meta);
    served(exchange, key, plan, outcome);
    return plan;
  }

  private void served(Exchange exchange, CacheKey key, ResponsePlan plan, CacheOutcome outcome) {
    metrics.outcome(outcome);
    log.debug("{} {} -> {} {}", exchange.request().method(), key, outcome, plan.status());
  }
}
