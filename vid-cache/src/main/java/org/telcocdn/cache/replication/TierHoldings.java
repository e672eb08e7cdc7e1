package org.telcocdn.cache.replication;

import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.cache.storage.DiskTier;
import org.telcocdn.cache.storage.TitleVersions;
import org.telcocdn.index.IndexClient;
import org.telcocdn.index.IndexPeer;
import org.telcocdn.security.TlsMaterial;

/**
 * A regional or cloud cache's side of the cache index (docs/replication.md, "Tier caches in the
 * index"): it registers and reports what its disk holds every report interval, as an edge's {@link
 * IndexLink} does, and reads back the versions of what it holds. Nothing else of replication runs:
 * a tier cache has no site peers (its view names itself alone), fills no one from a peer, announces
 * nothing and runs no anti-entropy. Its children fill from it as their parent, never as a peer: an
 * edge picks peer holders only among its own site's UP edges, which a tier cache never is (it
 * registers with no broker), and the broker routes only to the edges registered with it.
 */
public final class TierHoldings implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TierHoldings.class);

  private final String self;
  private final ReplicationConfig config;
  private final IndexLink index;
  private final ScheduledExecutorService timer;

  /** Composed, not started: nothing is sent until {@link #start}. */
  public TierHoldings(
      String self,
      ReplicationConfig config,
      DiskTier disk,
      TitleVersions versions,
      TlsMaterial tls) {
    this.self = self;
    this.config = config;
    this.index =
        new IndexLink(
            self,
            disk.maxBytes(),
            IndexClient.connect(IndexPeer.parseList(config.indexPeers()), tls),
            disk,
            versions,
            List::of,
            Set::of);
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name(self + "-index").daemon().factory());
  }

  public void start() {
    timer.scheduleWithFixedDelay(
        this::tick, 0, config.reportInterval().toMillis(), TimeUnit.MILLISECONDS);
    log.info(
        "tier cache {} reports its holdings to the index {} every {}",
        self,
        config.indexPeers(),
        config.reportInterval());
  }

  /** A tick that throws would end the schedule: logged, and the next tick tries again. */
  private void tick() {
    try {
      index.tick();
    } catch (RuntimeException e) {
      log.warn("index tick failed: {}", e.toString());
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    index.close();
  }
}
