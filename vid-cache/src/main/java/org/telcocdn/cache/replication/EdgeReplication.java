package org.telcocdn.cache.replication;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.cache.fill.FillSource;
import org.telcocdn.cache.fill.Fills;
import org.telcocdn.cache.integrity.PeerCopyCheck;
import org.telcocdn.cache.metrics.EdgeMetrics;
import org.telcocdn.cache.metrics.FillSourceKind;
import org.telcocdn.cache.storage.CacheKey;
import org.telcocdn.cache.storage.ObjectMeta;
import org.telcocdn.cache.storage.Tiers;
import org.telcocdn.cache.storage.TitleVersions;
import org.telcocdn.common.json.Json;
import org.telcocdn.index.Holding;
import org.telcocdn.index.IndexClient;
import org.telcocdn.index.IndexPeer;
import org.telcocdn.security.TlsMaterial;

/**
 * The eventual-consistency half on one edge (docs/replication.md): the index link (holdings
 * reports, the site view), peer fill, announcements of hot admissions to their replicas, the
 * replica pulls and anti-entropy. All of it runs on its own scheduler and workers; a viewer's
 * request only reads the site view and records the title's request count.
 */
public final class EdgeReplication implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EdgeReplication.class);

  private final String self;
  private final ReplicationConfig config;
  private volatile String selfUrl = ""; // set once by start(), right after the port is bound
  private final Tiers tiers;
  private final TitleVersions versions;
  private final EdgeMetrics metrics;
  private final FillSource origin;
  private final PeerTransport transport;
  private final PeerCopyCheck check;
  private final SitePeers peers;
  private final Hotness hotness;
  private final IndexLink index;
  private final Replicator replicator;
  private final AntiEntropy antiEntropy;
  private final ScheduledExecutorService timer;
  private final ThreadPoolExecutor announcer;

  /**
   * Composes the replication half without starting it: nothing runs and nothing is sent until
   * {@link #start}, which needs the edge's URL (known once its port is bound).
   */
  public EdgeReplication(
      SitePeers peers,
      ReplicationConfig config,
      Tiers tiers,
      Fills fills,
      TitleVersions versions,
      EdgeMetrics metrics,
      FillSource origin,
      PeerTransport transport,
      PeerCopyCheck check,
      TlsMaterial tls) {
    this.self = peers.self();
    this.config = config;
    this.tiers = tiers;
    this.versions = versions;
    this.metrics = metrics;
    this.origin = origin;
    this.transport = transport;
    this.peers = peers;
    this.hotness = new Hotness(config.hotRequests());
    this.index =
        new IndexLink(
            self,
            tiers.disk().maxBytes(),
            IndexClient.connect(IndexPeer.parseList(config.indexPeers()), tls),
            tiers.disk(),
            versions,
            peers::names,
            hotness::recent);
    this.check = check;
    this.replicator =
        new Replicator(self, fills, tiers, versions, transport, origin, check, index::ask, metrics);
    this.antiEntropy =
        new AntiEntropy(
            self,
            this::replicasOf,
            peers,
            transport,
            tiers,
            versions,
            replicator,
            index::ask,
            metrics);
    this.announcer =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(1024),
            Thread.ofPlatform().name(self + "-announce").daemon().factory());
    this.timer =
        Executors.newScheduledThreadPool(
            2, Thread.ofPlatform().name(self + "-replication-", 0).daemon().factory());
    fills.replicateWith(this::sourceFor, this::admitted);
  }

  /** Starts the index ticks and anti-entropy rounds; {@code selfUrl} is what announcements name. */
  public void start(String selfUrl) {
    this.selfUrl = selfUrl;
    timer.scheduleWithFixedDelay(
        this::indexTick, 0, config.reportInterval().toMillis(), TimeUnit.MILLISECONDS);
    timer.scheduleWithFixedDelay(
        this::antiEntropyTick,
        config.antiEntropyInterval().toMillis(),
        config.antiEntropyInterval().toMillis(),
        TimeUnit.MILLISECONDS);
    log.info(
        "edge {} replicates: index {}, factor {}, anti-entropy every {}",
        self,
        config.indexPeers(),
        config.factor(),
        config.antiEntropyInterval());
  }

  /** On the request path: counts the title toward hotness. */
  public void requested(String videoId) {
    hotness.requested(videoId);
  }

  /**
   * On a miss: a site peer the index names as holding the title at the version this edge knows, or
   * the origin. Reads only the locally cached site view: never a Raft round trip.
   */
  FillSource sourceFor(CacheKey key) {
    return holder(key.videoId())
        .<FillSource>map(
            peer ->
                new PeerSource(
                    peer, versions.known(key.videoId()), transport, origin, true, check, metrics))
        .orElse(origin);
  }

  /**
   * For a preposition job: a fill of {@code key} from the site peer {@code from} (a replica's unit,
   * filled from the site's first copy), else from a site peer the index names as holding it; empty
   * when neither applies (then the origin). No origin fallback inside: a copy that is not there
   * fails the pull, which the job retries, so the origin is not asked twice for the site.
   */
  public Optional<FillSource> sitePeerFor(String from, CacheKey key) {
    long version = versions.known(key.videoId());
    Optional<Peer> peer = from != null ? peers.named(from) : holder(key.videoId());
    return peer.map(p -> new PeerSource(p, version, transport, origin, false, check, metrics));
  }

  /** For tests in this package: the edge's side of the index, with its site view. */
  IndexLink indexLink() {
    return index;
  }

  Optional<Peer> holder(String videoId) {
    Optional<Holding> holding = index.holding(videoId);
    if (holding.isEmpty() || holding.get().version() < versions.known(videoId))
      return Optional.empty();
    List<String> holders = holding.get().holders();
    return peers.up().stream()
        .filter(p -> holders.contains(p.name()))
        .max(Comparator.comparingLong(p -> Replicas.weight(videoId + "/" + self, p.name())));
  }

  /**
   * After a commit: a hot title's object is announced to its replicas, who pull it in the
   * background.
   */
  void admitted(CacheKey key, ObjectMeta meta, FillSourceKind source) {
    if (!hotness.hot(key.videoId())) return;
    for (String name : replicasOf(key.videoId(), self)) {
      peers.named(name).ifPresent(peer -> announce(peer, key, meta.version()));
    }
  }

  /**
   * The site edges that should copy {@code videoId} from {@code holder}: those the index assigns it
   * to first, then by rendezvous weight, {@code factor - 1} in all. Every edge computes the same
   * set from the same peer list and view.
   */
  List<String> replicasOf(String videoId, String holder) {
    List<String> site = new ArrayList<>(peers.names());
    site.add(self);
    List<String> assigned = index.holding(videoId).map(Holding::assigned).orElse(List.of());
    return Replicas.of(videoId, holder, site, config.factor(), assigned);
  }

  private void announce(Peer peer, CacheKey key, long version) {
    byte[] body =
        Json.bytes(
            Map.of(
                "videoId",
                key.videoId(),
                "path",
                key.path(),
                "version",
                version,
                "source",
                self,
                "sourceUrl",
                selfUrl));
    try {
      announcer.execute(
          () -> {
            try {
              transport.send(
                  HttpRequest.newBuilder(peer.uri("/internal/replicate"))
                      .timeout(PeerTransport.TIMEOUT)
                      .header("Content-Type", "application/json")
                      .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                      .build());
            } catch (Exception e) {
              log.debug(
                  "announcement of {} to {} failed (anti-entropy repairs it): {}",
                  key,
                  peer.name(),
                  e.toString());
            }
          });
    } catch (RejectedExecutionException e) {
      log.debug("announcement queue full; {} left to anti-entropy", key);
    }
  }

  /** {@code POST /internal/replicate}: a peer announced an object it admitted. */
  public ReplicaDecision offered(CacheKey key, long version, String source) {
    return peers
        .named(source)
        .map(peer -> replicator.offer(key, version, peer))
        .orElseGet(replicator::refuseUnknownPeer);
  }

  public Digest digest() {
    return Digest.of(self, tiers.disk().titles(), versions.snapshot(), hotness::hot);
  }

  long antiEntropyRounds() {
    return antiEntropy.rounds();
  }

  /** Runs a round now, on the caller's thread (tests and the bench's convergence counts). */
  int antiEntropyRound() {
    return antiEntropy.round();
  }

  int pullsQueued() {
    return replicator.queued();
  }

  private void indexTick() {
    try {
      peers.refresh();
      hotness.assigned(index.assigned());
      index.tick();
    } catch (RuntimeException e) {
      log.warn("index tick failed: {}", e.toString());
    }
  }

  private void antiEntropyTick() {
    try {
      antiEntropy.round();
    } catch (RuntimeException e) {
      log.warn("anti-entropy round failed: {}", e.toString());
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    announcer.shutdownNow();
    replicator.close();
    index.close();
  }
}
