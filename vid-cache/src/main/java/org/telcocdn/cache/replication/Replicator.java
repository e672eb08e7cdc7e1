package org.telcocdn.cache.replication;

import io.micrometer.core.instrument.Counter;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.cache.fill.FillSource;
import org.telcocdn.cache.fill.Fills;
import org.telcocdn.cache.integrity.PeerCopyCheck;
import org.telcocdn.cache.metrics.EdgeMetrics;
import org.telcocdn.cache.storage.CacheKey;
import org.telcocdn.cache.storage.Tiers;
import org.telcocdn.cache.storage.TitleVersions;

/**
 * Background pulls of objects from site peers: a bounded queue ({@link #QUEUE}) and {@link
 * #CONCURRENCY} workers, each pull an ordinary {@link Fills#pull} (shared with any viewer's fill of
 * the same key, stored on commit). Nothing here runs on a viewer's request.
 */
final class Replicator implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Replicator.class);
  static final int QUEUE = 512;
  static final int CONCURRENCY = 2;

  private final Fills fills;
  private final Tiers tiers;
  private final TitleVersions versions;
  private final PeerTransport transport;
  private final FillSource origin;
  private final PeerCopyCheck check;
  private final Consumer<String> askIndex;
  private final EdgeMetrics metrics;
  private final Set<CacheKey> pending = ConcurrentHashMap.newKeySet();
  private final Map<ReplicaDecision, Counter> decisions = new EnumMap<>(ReplicaDecision.class);
  private final ThreadPoolExecutor workers;

  /**
   * @param origin where a pull goes when the peer's copy has the wrong bytes
   * @param askIndex called with a title a peer names at a version this edge has not learned: the
   *     index is asked for it (a peer's word never sets a version)
   */
  Replicator(
      String name,
      Fills fills,
      Tiers tiers,
      TitleVersions versions,
      PeerTransport transport,
      FillSource origin,
      PeerCopyCheck check,
      Consumer<String> askIndex,
      EdgeMetrics metrics) {
    this.fills = fills;
    this.tiers = tiers;
    this.versions = versions;
    this.transport = transport;
    this.origin = origin;
    this.check = check;
    this.askIndex = askIndex;
    this.metrics = metrics;
    this.workers =
        new ThreadPoolExecutor(
            CONCURRENCY,
            CONCURRENCY,
            0,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(QUEUE),
            Thread.ofPlatform().name(name + "-replica-", 0).daemon().factory());
    for (ReplicaDecision d : ReplicaDecision.values()) {
      decisions.put(
          d,
          Counter.builder("edge_replica_offers")
              .description("objects offered for replication, by decision")
              .tag("decision", d.name())
              .register(metrics.registry()));
    }
  }

  /**
   * Queues a pull of {@code key} from {@code source} unless it is pointless. {@code version} is the
   * peer's word: it can only make this edge decline (older than the version known here) or ask the
   * index (newer); the pull is of the version known here, and the copy is stored as that version.
   */
  ReplicaDecision offer(CacheKey key, long version, Peer source) {
    return counted(decide(key, version, source));
  }

  /** An announcement from an edge that is not a known site peer: counted, nothing pulled. */
  ReplicaDecision refuseUnknownPeer() {
    return counted(ReplicaDecision.UNKNOWN_PEER);
  }

  private ReplicaDecision counted(ReplicaDecision decision) {
    decisions.get(decision).increment();
    return decision;
  }

  private ReplicaDecision decide(CacheKey key, long version, Peer source) {
    long known = versions.known(key.videoId());
    if (version < known) return ReplicaDecision.STALE;
    if (version > known) {
      askIndex.accept(key.videoId());
      return ReplicaDecision.VERSION_UNKNOWN;
    }
    if (tiers.disk().meta(key).filter(m -> m.version() >= known).isPresent())
      return ReplicaDecision.HELD;
    if (!pending.add(key)) return ReplicaDecision.IN_FLIGHT;
    try {
      workers.execute(() -> pull(key, known, source));
      return ReplicaDecision.QUEUED;
    } catch (RejectedExecutionException e) {
      pending.remove(key);
      return ReplicaDecision.QUEUE_FULL;
    }
  }

  private void pull(CacheKey key, long version, Peer source) {
    try {
      boolean stored =
          fills
              .pull(key, new PeerSource(source, version, transport, origin, false, check, metrics))
              .get(30, TimeUnit.SECONDS);
      log.debug(
          "replica pull of {} from {}: {}", key, source.name(), stored ? "stored" : "not stored");
    } catch (Exception e) {
      log.debug("replica pull of {} from {} failed: {}", key, source.name(), e.toString());
    } finally {
      pending.remove(key);
    }
  }

  int queued() {
    return workers.getQueue().size() + workers.getActiveCount();
  }

  @Override
  public void close() {
    workers.shutdownNow();
  }
}
