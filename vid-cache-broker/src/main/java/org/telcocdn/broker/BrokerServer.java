package org.telcocdn.broker;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.common.http.Health;
import org.telcocdn.common.http.HttpServer;
import org.telcocdn.common.http.Router;
import org.telcocdn.common.metrics.Metrics;
import org.telcocdn.common.security.ServiceSecurity;
import org.telcocdn.common.service.BackgroundNice;
import org.telcocdn.common.service.OpenResources;
import org.telcocdn.common.service.Service;

/**
 * The request router and load balancer: wires the registry, the ring, the session counter, the
 * invalidation fan-out and the HTTP API, and runs the periodic sweep that marks silent edges DOWN
 * and forgets idle sessions. With {@code broker.index.peers} set it also holds a Raft client of the
 * cache index: a {@link HolderView} the router reads holders from, and an {@link
 * InvalidationCommit} that commits each invalidation before it is fanned out.
 *
 * <p>Start-up composes everything first, binds the HTTP port last, and only then starts the sweeps,
 * the prober and the background priority. Everything opened is added to {@link #opened}, so a start
 * that fails (the port taken, the index unreachable) closes what it had opened and leaves no thread
 * or port behind, and {@link #close()} closes it all in reverse order.
 */
public final class BrokerServer implements Service {
  private static final Logger log = LoggerFactory.getLogger(BrokerServer.class);
  private static final Duration INVALIDATION_TIMEOUT = Duration.ofSeconds(2);
  private static final long SESSION_SWEEP_MILLIS = 25;

  /**
   * Everything this broker opened, closed in reverse order by {@link #close()} or by a failed
   * start.
   */
  private final OpenResources opened;

  private final HttpServer http;
  private final EdgeRegistry registry;
  private final EdgeRouter router;
  private final HolderView holders;
  private final IndexLinkConfig index;

  private BrokerServer(
      BrokerConfig config,
      Clock clock,
      ServiceSecurity security,
      TitleIndex titleIndex,
      OpenResources opened) {
    this.opened = opened;
    index = config.index();
    registry =
        new EdgeRegistry(
            config.heartbeatTimeout(),
            config.balancing().probeMisses(),
            clock,
            config.limits().maxEdges());
    SessionLoad sessions =
        new SessionLoad(BrokerConfig.SESSION_WINDOW, clock, config.limits().maxSessions());
    BrokerMetrics metrics =
        new BrokerMetrics(Metrics.registry("vid-cache-broker", "broker"), registry);
    ExecutorService refresher =
        titleIndex == null
            ? null
            : opened.add(
                Executors.newThreadPerTaskExecutor(
                    Thread.ofVirtual().name("index-refresh-", 0).factory()),
                ExecutorService::shutdownNow);
    holders =
        titleIndex == null ? null : new HolderView(titleIndex, index, clock, refresher, metrics);
    router =
        new EdgeRouter(registry, sessions, config, holders == null ? TitleHolders.NONE : holders);
    InvalidationCommit commit =
        titleIndex == null
            ? null
            : new InvalidationCommit(titleIndex, holders, index.writeTimeout(), metrics);
    InvalidationFanOut fanOut =
        opened.add(
            new InvalidationFanOut(
                registry, config.tierCaches(), security.client(INVALIDATION_TIMEOUT), metrics));
    ScheduledExecutorService sweeper =
        opened.add(
            Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("broker-sweep").factory()),
            ExecutorService::shutdownNow);
    HttpServer.Builder builder =
        HttpServer.builder("vid-cache-broker")
            .viewer(config.host(), config.port())
            .control(config.controlHost(), config.controlPort(), security)
            .ioThreads(config.ioThreads())
            .maxBodyBytes(64 * 1024)
            .metrics(metrics.registry())
            .health(this::health)
            .limits(config.limits().connections());
    metrics.sessions(sessions);
    new EdgeApi(registry, sessions, config).routes(builder);
    ViewerUrls urls = ViewerUrls.of(config.urlSigning(), clock, opened);
    new PlayApi(router, metrics, urls).routes(builder);
    new RouteApi(router, metrics, urls).routes(builder);
    new InvalidationApi(fanOut, commit).routes(builder);
    http = opened.add(builder.start()); // last
    sweep(sweeper, sessions, config);
    Duration probeInterval = config.balancing().probeInterval();
    if (!probeInterval.isZero())
      opened.add(
          new HealthProber(
              registry,
              probeInterval,
              config.balancing().probeTimeout(),
              config.balancing().probeCa()));
    opened.add(BackgroundNice.start(config.backgroundNice()));
  }

  public static BrokerServer start(BrokerConfig config) {
    return start(config, Clock.systemUTC());
  }

  /** With an injected clock, so tests can move time for heartbeat expiry. */
  public static BrokerServer start(BrokerConfig config, Clock clock) {
    OpenResources opened = new OpenResources();
    try {
      ServiceSecurity security = security(config, opened);
      TitleIndex titleIndex =
          config.index().enabled()
              ? opened.add(
                  RaftTitleIndex.connect(config.index().peers(), security.tls()), TitleIndex::close)
              : null;
      return new BrokerServer(config, clock, security, titleIndex, opened);
    } catch (RuntimeException | Error e) {
      opened.close();
      throw e;
    }
  }

  /** With a given index (a fake, in tests), whatever {@code broker.index.peers} says. */
  static BrokerServer start(BrokerConfig config, Clock clock, TitleIndex titleIndex) {
    OpenResources opened = new OpenResources();
    try {
      ServiceSecurity security = security(config, opened);
      return new BrokerServer(
          config, clock, security, opened.add(titleIndex, TitleIndex::close), opened);
    } catch (RuntimeException | Error e) {
      opened.close();
      throw e;
    }
  }

  /** First of all: the index client and the control listener both need its certificate. */
  private static ServiceSecurity security(BrokerConfig config, OpenResources opened) {
    return opened.add(ServiceSecurity.load(config.security(), "vid-cache-broker"));
  }

  private void sweep(ScheduledExecutorService sweeper, SessionLoad sessions, BrokerConfig config) {
    long period = Math.max(50, Math.min(1000, config.heartbeatTimeout().toMillis() / 2));
    sweeper.scheduleAtFixedRate(
        () -> guarded("registry sweep", registry::sweep), period, period, TimeUnit.MILLISECONDS);
    // One stripe of the session table every 25 ms: a full pass every 1.6 s, in slices short enough
    // not to hold up the event loops on a busy core.
    sweeper.scheduleAtFixedRate(
        () -> guarded("session sweep", () -> sessions.sweep(1)),
        SESSION_SWEEP_MILLIS,
        SESSION_SWEEP_MILLIS,
        TimeUnit.MILLISECONDS);
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

  /** {@code https://} when {@code security.viewer-tls.*} makes the viewer listener HTTPS. */
  @Override
  public String url() {
    return http.url();
  }

  @Override
  public int controlPort() {
    return http.controlPort();
  }

  @Override
  public List<Router.Route> routes() {
    return http.routes();
  }

  /** The viewer listener's connection limits at work (tests, metrics). */
  public org.telcocdn.common.http.ListenerLimits limits() {
    return http.limits();
  }

  /** The control listener's connection limits at work (tests, metrics). */
  public org.telcocdn.common.http.ListenerLimits controlLimits() {
    return http.controlLimits();
  }

  /**
   * Background priority, prober, sweeps, HTTP, fan-out, index refreshes, the index client: the
   * reverse of start-up.
   */
  @Override
  public void close() {
    opened.close();
  }

  private Health health() {
    return Health.up(
        Map.of(
            "edges",
            registry.countByState(),
            "policy",
            router.policy().label(),
            "index",
            holders == null ? "off" : index.member() + " of " + index.peers().size()));
  }

  private static void guarded(String what, Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      // A failed sweep must not cancel the schedule; the next one retries.
      log.warn("{} failed", what, e);
    }
  }
}
