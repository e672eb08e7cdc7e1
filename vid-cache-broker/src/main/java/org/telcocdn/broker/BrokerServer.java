package org.telcocdn.broker;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.common.http.Health;
import org.telcocdn.common.http.HttpServer;
import org.telcocdn.common.http.JsonHttpClient;
import org.telcocdn.common.metrics.Metrics;
import org.telcocdn.common.service.Service;

/**
 * The request router and load balancer: wires the registry, the ring, the session counter, the
 * invalidation fan-out and the HTTP API, and runs the periodic sweep that marks silent edges DOWN and
 * forgets idle sessions.
 */
public final class BrokerServer implements Service {
  private static final Logger log = LoggerFactory.getLogger(BrokerServer.class);
  private static final Duration INVALIDATION_TIMEOUT = Duration.ofSeconds(2);

  private final HttpServer http;
  private final EdgeRegistry registry;
  private final EdgeRouter router;
  private final InvalidationFanOut fanOut;
  private final ScheduledExecutorService sweeper;
  private final HealthProber prober;

  private BrokerServer(BrokerConfig config, Clock clock) {
    registry = new EdgeRegistry(config.heartbeatTimeout(), config.balancing().probeMisses(), clock);
    SessionLoad sessions = new SessionLoad(BrokerConfig.SESSION_WINDOW, clock);
    router = new EdgeRouter(registry, sessions, config);
    BrokerMetrics metrics = new BrokerMetrics(Metrics.registry("vid-cache-broker", "broker"), registry);
    fanOut = new InvalidationFanOut(registry, new JsonHttpClient(INVALIDATION_TIMEOUT), metrics);
    HttpServer.Builder builder = HttpServer.builder("vid-cache-broker")
        .host(config.host()).port(config.port()).ioThreads(2).maxBodyBytes(64 * 1024)
        .metrics(metrics.registry()).health(this::health);
    new EdgeApi(registry, sessions, config).routes(builder);
    new PlayApi(router, metrics).routes(builder);
    new RouteApi(router, metrics).routes(builder);
    new InvalidationApi(fanOut).routes(builder);
    sweeper = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("broker-sweep").factory());
    long period = Math.max(50, Math.min(1000, config.heartbeatTimeout().toMillis() / 2));
    sweeper.scheduleAtFixedRate(() -> sweep(sessions), period, period, TimeUnit.MILLISECONDS);
    Duration probeInterval = config.balancing().probeInterval();
    prober = probeInterval.isZero() ? null : new HealthProber(registry, probeInterval, config.balancing().probeTimeout());
    http = builder.start();
  }

  public static BrokerServer start(BrokerConfig config) {
    return start(config, Clock.systemUTC());
  }

  /** With an injected clock, so tests can move time for heartbeat expiry. */
  public static BrokerServer start(BrokerConfig config, Clock clock) {
    return new BrokerServer(config, clock);
  }

  public EdgeRegistry registry() {
    return registry;
  }

  public EdgeRouter router() {
    return router;
  }

  @Override
  public int port() {
    return http.port();
  }

  @Override
  public void close() {
    sweeper.shutdownNow();
    if (prober != null) prober.close();
    fanOut.close();
    http.close();
  }

  private Health health() {
    return Health.up(Map.of("edges", registry.countByState(), "policy", router.policy().label()));
  }

  private void sweep(SessionLoad sessions) {
    try {
      registry.sweep();
      sessions.sweep();
    } catch (RuntimeException e) {
      // A failed sweep must not cancel the schedule; the next one retries.
      log.warn("sweep failed", e);
    }
  }
}
