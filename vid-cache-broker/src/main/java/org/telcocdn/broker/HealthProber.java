package org.telcocdn.broker;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's own check of every edge: {@code GET /health} each {@code broker.probe-interval},
 * asynchronously, a miss being an error, a non-2xx or no answer within {@code
 * broker.probe-timeout}. Heartbeats say what an edge thinks of itself; a probe says whether the
 * broker can actually reach its HTTP port, which is what players need. The verdict (DOWN after N
 * misses, warm-up after) is the registry's, so it is unit-tested with a clock rather than here.
 */
final class HealthProber implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HealthProber.class);

  private final EdgeRegistry registry;
  private final Duration timeout;
  private final HttpClient http;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("broker-probe").factory());

  HealthProber(EdgeRegistry registry, Duration interval, Duration timeout) {
    this.registry = registry;
    this.timeout = timeout;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .executor(
                Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("probe-", 0).factory()))
            .build();
    long period = interval.toMillis();
    timer.scheduleAtFixedRate(this::probeAll, period, period, TimeUnit.MILLISECONDS);
  }

  private void probeAll() {
    try {
      for (Edge edge : registry.edges()) probe(edge);
    } catch (RuntimeException e) {
      log.warn("probe round failed", e); // keep the schedule alive
    }
  }

  private void probe(Edge edge) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(edge.url() + "/health")).timeout(timeout).GET().build();
    http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .whenComplete(
            (response, error) -> {
              boolean healthy = error == null && response.statusCode() / 100 == 2;
              registry.probed(edge.name(), healthy);
            });
  }

  @Override
  public void close() {
    timer.shutdownNow();
    http.shutdownNow();
  }
}
