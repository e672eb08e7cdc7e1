package org.telcocdn.broker;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.common.http.BoundedBody;
import org.telcocdn.security.TlsMaterial;

/**
 * The broker's own check of every edge: {@code GET /health} each {@code broker.probe-interval},
 * asynchronously, a miss being an error, a non-2xx or no answer within {@code
 * broker.probe-timeout}. Heartbeats say what an edge thinks of itself; a probe says whether the
 * broker can actually reach its HTTP port, which is what players need. The verdict (DOWN after N
 * misses, warm-up after) is the registry's, so it is unit-tested with a clock rather than here.
 */
final class HealthProber implements AutoCloseable {
  private static final long MAX_HEALTH_BYTES = 64 * 1024;
  private static final Logger log = LoggerFactory.getLogger(HealthProber.class);

  private final EdgeRegistry registry;
  private final Duration timeout;
  private final HttpClient http;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("broker-probe").factory());

  /**
   * @param ca the CA an edge's HTTPS viewer listener is checked against (a demo viewer CA); null:
   *     the JDK's trust store, as a viewer's device has
   */
  HealthProber(EdgeRegistry registry, Duration interval, Duration timeout, Path ca) {
    this.registry = registry;
    this.timeout = timeout;
    HttpClient.Builder b =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .executor(
                Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("probe-", 0).factory()));
    if (ca != null) b.sslContext(TlsMaterial.trustOnly(ca));
    this.http = b.build();
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
    // A health answer is small; the request timeout covers only the head, so the whole is bounded
    // too.
    CompletableFuture<HttpResponse<byte[]>> call =
        http.sendAsync(request, BoundedBody.upTo(MAX_HEALTH_BYTES));
    call.whenComplete(
        (response, error) -> {
          boolean healthy = error == null && response.statusCode() / 100 == 2;
          registry.probed(edge.name(), healthy);
        });
    timer.schedule(() -> call.cancel(true), timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    timer.shutdownNow();
    http.shutdownNow();
  }
}
