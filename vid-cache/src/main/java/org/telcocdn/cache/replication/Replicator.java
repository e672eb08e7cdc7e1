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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.cache.fill.Fills;
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
  private final EdgeMetrics metrics;
  private final Set<CacheKey> pending = ConcurrentHashMap.newKeySet();
  private final Map<ReplicaDecision, Counter> decisions = new EnumMap<>(ReplicaDecision.class);
  private final ThreadPoolExecutor workers;

  Replicator(
      String name,
      Fills fills,
      Tiers tiers,
      TitleVersions versions,
      PeerTransport transport,
      EdgeMetrics metrics) {
    this.fills = fills;
    this.tiers = tiers;
    this.versions = versions;
    this.transport = transport;
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
   * Queues a pull of {@code key} (of {@code version}) from {@code source} unless it is pointless.
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
    if (version < versions.known(key.videoId())) return ReplicaDecision.STALE;
    if (tiers.disk().meta(key).filter(m -> m.version() >= version).isPresent())
      return ReplicaDecision.HELD;
    if (!pending.add(key)) return ReplicaDecision.IN_FLIGHT;
    try {
      workers.execute(() -> pull(key, version, source));
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
              .pull(key, new PeerSource(source, version, transport, null, metrics))
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
