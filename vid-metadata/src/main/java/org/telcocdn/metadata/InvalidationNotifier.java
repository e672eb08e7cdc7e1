package org.telcocdn.metadata;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.common.http.ApiException;
import org.telcocdn.common.http.JsonHttpClient;

/**
 * Tells the broker that a video changed, so that edges drop stale objects. Runs after the database
 * write has committed, on its own virtual thread with a few retries: the API call has already
 * succeeded and a broker outage must never turn it into an error. A notice that still fails is
 * logged and counted; edges then serve the old objects until they expire or are evicted.
 */
public final class InvalidationNotifier implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(InvalidationNotifier.class);

  /** The body of {@code POST /api/invalidations}. */
  record Invalidation(String videoId, InvalidationReason reason) {}

  private final String endpoint;
  private final JsonHttpClient http;
  private final int attempts;
  private final Duration firstBackoff;
  private final MeterRegistry registry;
  private final ExecutorService senders =
      Executors.newThreadPerTaskExecutor(
          Thread.ofVirtual().name("vid-metadata-invalidation-", 0).factory());

  public InvalidationNotifier(
      String brokerUrl, int attempts, Duration firstBackoff, MeterRegistry registry) {
    this.endpoint = brokerUrl + "/api/invalidations";
    this.http = new JsonHttpClient(Duration.ofSeconds(2));
    this.attempts = attempts;
    this.firstBackoff = firstBackoff;
    this.registry = registry;
  }

  /** Queues the notice and returns at once. */
  public void notify(String videoId, InvalidationReason reason) {
    senders.execute(() -> send(new Invalidation(videoId, reason)));
  }

  private void send(Invalidation notice) {
    Duration backoff = firstBackoff;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      try {
        http.post(endpoint, notice, com.fasterxml.jackson.databind.JsonNode.class);
        log.info(
            "invalidation sent: video {} reason {} attempt {}",
            notice.videoId(),
            notice.reason().wire(),
            attempt);
        count(notice, "sent");
        return;
      } catch (ApiException e) {
        log.warn(
            "invalidation of video {} failed (attempt {}/{}): {} {}",
            notice.videoId(),
            attempt,
            attempts,
            e.status(),
            e.getMessage());
      }
      if (attempt < attempts && !pause(backoff)) return;
      backoff = backoff.multipliedBy(2);
    }
    log.error(
        "invalidation of video {} ({}) given up after {} attempts; edges may serve stale objects",
        notice.videoId(),
        notice.reason().wire(),
        attempts);
    count(notice, "failed");
  }

  private void count(Invalidation notice, String outcome) {
    registry
        .counter("metadata.invalidations", "reason", notice.reason().wire(), "outcome", outcome)
        .increment();
  }

  /** Waits between retries (a backoff, not waiting for a state); false when shutting down. */
  private static boolean pause(Duration backoff) {
    try {
      Thread.sleep(backoff);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void close() {
    senders.shutdownNow();
  }
}
