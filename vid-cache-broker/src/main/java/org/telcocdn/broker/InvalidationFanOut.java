package org.telcocdn.broker;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.common.http.ApiException;
import org.telcocdn.common.http.JsonHttpClient;

/**
 * Delivers an invalidation to every registered edge, each on its own virtual thread so a slow or
 * dead edge delays nobody. Each delivery gets one retry after a short pause (a restarting edge or a
 * dropped connection), then is logged as failed and counted: an edge that missed it will at worst
 * serve the old object until its own expiry, and one that was DOWN restarts with a cold cache
 * anyway. DOWN edges are tried too, since "DOWN" only means the broker missed heartbeats.
 * Deliveries go to each edge's control listener over mutual TLS, with the broker's certificate. The
 * mid-tier caches of {@code broker.tier-caches} get every invalidation too, in the same way: they
 * register nowhere, and a regional cache that kept a deleted title would fill it back into the
 * edges below it.
 */
public final class InvalidationFanOut implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(InvalidationFanOut.class);
  private static final Duration RETRY_PAUSE = Duration.ofMillis(200);

  private final EdgeRegistry registry;
  private final List<TierCache> tierCaches;
  private final JsonHttpClient http;
  private final BrokerMetrics metrics;
  private final ExecutorService workers =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("invalidate-", 0).factory());

  public InvalidationFanOut(
      EdgeRegistry registry,
      List<TierCache> tierCaches,
      JsonHttpClient http,
      BrokerMetrics metrics) {
    this.registry = registry;
    this.tierCaches = List.copyOf(tierCaches);
    this.http = http;
    this.metrics = metrics;
  }

  /**
   * Starts delivery to every edge and every tier cache and returns at once; the number of edges it
   * goes to (the tier caches are {@link #tierCaches()}).
   */
  public int submit(Invalidation invalidation) {
    var edges = registry.edges();
    for (Edge edge : edges)
      workers.execute(() -> deliver(edge.name(), edge.controlUrl(), invalidation));
    for (TierCache cache : tierCaches)
      workers.execute(() -> deliver(cache.name(), cache.controlUrl(), invalidation));
    return edges.size();
  }

  public int tierCaches() {
    return tierCaches.size();
  }

  @Override
  public void close() {
    workers.shutdownNow();
  }

  private void deliver(String cache, String controlUrl, Invalidation invalidation) {
    String url = controlUrl + "/internal/invalidate";
    for (int attempt = 1; attempt <= 2; attempt++) {
      try {
        Map<?, ?> answer = http.post(url, invalidation, Map.class);
        metrics.invalidation("delivered");
        log.atInfo()
            .addKeyValue("event", "invalidation")
            .addKeyValue("edge", cache)
            .addKeyValue("videoId", invalidation.videoId())
            .addKeyValue("outcome", "delivered")
            .log("invalidated {} on {}: {}", invalidation.videoId(), cache, answer);
        return;
      } catch (ApiException e) {
        if (attempt == 2 || !pause()) {
          fail(cache, invalidation, e);
          return;
        }
        metrics.invalidation("retried");
      }
    }
  }

  private void fail(String cache, Invalidation invalidation, ApiException e) {
    metrics.invalidation("failed");
    log.atWarn()
        .addKeyValue("event", "invalidation")
        .addKeyValue("edge", cache)
        .addKeyValue("videoId", invalidation.videoId())
        .addKeyValue("outcome", "failed")
        .log(
            "invalidation of {} on {} failed: {} {}",
            invalidation.videoId(),
            cache,
            e.status(),
            e.getMessage());
  }

  private static boolean pause() {
    try {
      Thread.sleep(RETRY_PAUSE);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
