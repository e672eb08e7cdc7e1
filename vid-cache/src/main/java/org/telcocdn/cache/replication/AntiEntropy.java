package org.telcocdn.cache.replication;

import io.micrometer.core.instrument.Counter;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.cache.metrics.EdgeMetrics;
import org.telcocdn.cache.storage.CacheKey;
import org.telcocdn.cache.storage.Tiers;
import org.telcocdn.cache.storage.TitleCopies;
import org.telcocdn.cache.storage.TitleVersions;
import org.telcocdn.common.json.Json;

/**
 * One anti-entropy round: fetch every site peer's {@link Digest} (in parallel, each bounded by the
 * transport's timeout), learn the newest version of every title named (a version learned drops the
 * older local copies at once), and queue pulls of the objects of hot titles this edge is a replica
 * of and lacks. After a partition heals, the first round learns the versions and queues the
 * repairs; the pulls land before the second.
 */
final class AntiEntropy {
  private static final Logger log = LoggerFactory.getLogger(AntiEntropy.class);

  private final String self;
  private final BiFunction<String, String, List<String>> replicasOf;
  private final SitePeers peers;
  private final PeerTransport transport;
  private final Tiers tiers;
  private final TitleVersions versions;
  private final Replicator replicator;
  private final AtomicLong rounds = new AtomicLong();
  private final Counter repairs;

  AntiEntropy(
      String self,
      BiFunction<String, String, List<String>> replicasOf,
      SitePeers peers,
      PeerTransport transport,
      Tiers tiers,
      TitleVersions versions,
      Replicator replicator,
      EdgeMetrics metrics) {
    this.self = self;
    this.replicasOf = replicasOf;
    this.peers = peers;
    this.transport = transport;
    this.tiers = tiers;
    this.versions = versions;
    this.replicator = replicator;
    metrics.registry().gauge("edge_anti_entropy_rounds", rounds);
    this.repairs =
        Counter.builder("edge_anti_entropy_repairs")
            .description("pulls queued by anti-entropy")
            .register(metrics.registry());
  }

  /** Runs one round and returns the pulls it queued. */
  int round() {
    List<Peer> site = peers.up();
    List<CompletableFuture<Optional<Digest>>> asks =
        site.stream()
            .map(
                peer ->
                    CompletableFuture.supplyAsync(
                        () -> fetch(peer),
                        r -> Thread.ofVirtual().name("digest-" + peer.name()).start(r)))
            .toList();
    int queued = 0;
    for (int i = 0; i < site.size(); i++) {
      Optional<Digest> digest = asks.get(i).join();
      if (digest.isPresent()) queued += reconcile(site.get(i), digest.get());
    }
    long n = rounds.incrementAndGet();
    repairs.increment(queued);
    if (queued > 0) log.info("anti-entropy round {} on {}: {} pulls queued", n, self, queued);
    return queued;
  }

  long rounds() {
    return rounds.get();
  }

  int reconcile(Peer peer, Digest digest) {
    digest.titles().forEach((videoId, title) -> versions.learn(videoId, title.version()));
    Map<String, TitleCopies> held = tiers.disk().titles();
    int queued = 0;
    for (Map.Entry<String, Digest.Title> e : digest.titles().entrySet()) {
      String videoId = e.getKey();
      if (!replicasOf.apply(videoId, peer.name()).contains(self)) continue;
      for (String path : Digest.missing(held.get(videoId), e.getValue(), versions.known(videoId))) {
        if (replicator.offer(new CacheKey(videoId, path), e.getValue().version(), peer)
            == ReplicaDecision.QUEUED) queued++;
      }
    }
    return queued;
  }

  private Optional<Digest> fetch(Peer peer) {
    try {
      HttpResponse<byte[]> response =
          transport.send(
              HttpRequest.newBuilder(peer.uri("/internal/digest"))
                  .timeout(PeerTransport.TIMEOUT)
                  .GET()
                  .build());
      if (response.statusCode() != 200) return Optional.empty();
      return Optional.of(Json.MAPPER.readValue(response.body(), Digest.class));
    } catch (Exception e) {
      log.debug("no digest from {}: {}", peer.name(), e.toString());
      return Optional.empty();
    }
  }
}
