package org.telcocdn.cache;

import io.grpc.ManagedChannel;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.cache.fill.FillSource;
import org.telcocdn.cache.fill.Fills;
import org.telcocdn.cache.fill.OriginSource;
import org.telcocdn.cache.integrity.IntegrityMetrics;
import org.telcocdn.cache.integrity.PeerCopyCheck;
import org.telcocdn.cache.integrity.Revalidation;
import org.telcocdn.cache.integrity.TitleManifests;
import org.telcocdn.cache.live.LiveEdge;
import org.telcocdn.cache.metrics.EdgeMetrics;
import org.telcocdn.cache.predict.EdgePrediction;
import org.telcocdn.cache.prefetch.NorPrefetch;
import org.telcocdn.cache.preposition.PrepositionApi;
import org.telcocdn.cache.preposition.Prepositions;
import org.telcocdn.cache.preposition.ViewerLatency;
import org.telcocdn.cache.preposition.ViewerLoad;
import org.telcocdn.cache.replication.EdgeReplication;
import org.telcocdn.cache.replication.PeerFaults;
import org.telcocdn.cache.replication.PeerTransport;
import org.telcocdn.cache.replication.SitePeers;
import org.telcocdn.cache.replication.TierHoldings;
import org.telcocdn.cache.serving.AccessLogHandler;
import org.telcocdn.cache.serving.EdgeRoutes;
import org.telcocdn.cache.serving.HttpProxy;
import org.telcocdn.cache.serving.InternalApi;
import org.telcocdn.cache.serving.ObjectService;
import org.telcocdn.cache.storage.Allocations;
import org.telcocdn.cache.storage.DiskTier;
import org.telcocdn.cache.storage.MemoryTier;
import org.telcocdn.cache.storage.Tiers;
import org.telcocdn.cache.storage.TitleVersions;
import org.telcocdn.cache.tier.ParentSource;
import org.telcocdn.common.http.ListenerLimits;
import org.telcocdn.common.http.Router;
import org.telcocdn.common.http.Transports;
import org.telcocdn.common.metrics.Metrics;
import org.telcocdn.common.security.Gatekeeper;
import org.telcocdn.common.security.ServiceSecurity;
import org.telcocdn.common.service.BackgroundNice;
import org.telcocdn.common.service.OpenResources;
import org.telcocdn.common.service.Service;
import org.telcocdn.protocol.origin.client.AsyncOriginClient;
import org.telcocdn.protocol.origin.client.OriginChannels;

/**
 * One edge: its own Netty pipeline (no body aggregation on responses, zero-copy disk hits), the two
 * tiers, the shared origin channel and, unless standalone, its membership at the broker.
 *
 * <p>Start-up composes every part first, binds the players' port last, and only then starts what
 * talks to others (replication ticks, the broker link). Every part is added to {@link #opened} as
 * it is made, so if any step fails, including the bind (the port taken), what was opened is closed
 * again and the failed start leaves no thread, port or open file behind. Parts are composed in the
 * reverse of the order they must close in: the origin channel, then the disk and commit executors,
 * close before the event loops (their last callbacks still write to channels), and the event loops
 * before the access log and the tiers (responses in flight hold the tiers' buffers and files, and
 * log their end).
 *
 * <p>Close drains: it tells the broker, stops accepting, lets responses in flight finish for up to
 * {@link #DRAIN}, then leaves the broker and releases everything.
 */
public final class EdgeServer implements Service {
  private static final Logger log = LoggerFactory.getLogger(EdgeServer.class);
  static final Duration DRAIN = Duration.ofSeconds(5);
  private static final long ORIGIN_DEADLINE_MILLIS = 60_000;

  /**
   * A manifest is one small message; a viewer may be waiting for it (a peer fill, a revalidation).
   */
  private static final long MANIFEST_DEADLINE_MILLIS = 5_000;

  private static final Duration STOP_WAIT = Duration.ofSeconds(2);

  private final EdgeConfig config;

  /**
   * Everything this edge opened, closed in reverse order by {@link #close()} or by a failed start.
   */
  private final OpenResources opened;

  private final Duress duress;
  private final Tiers tiers;
  private final EdgeMetrics metrics;
  private final TitleVersions versions;
  private final Fills fills;

  /** Viewers' time to first byte, heard by the access log, read by the preposition back-off. */
  private final ViewerLatency latency = new ViewerLatency();

  private final EdgeReplication replication;

  /** A regional or cloud cache's holdings reports, with an index; null for an edge. */
  private final TierHoldings tierHoldings;

  private final ListenerLimits limits;
  private final ListenerLimits controlLimits;
  private final Revalidation revalidation;
  private final Channel listener;
  private final Channel control;

  /** The viewer listener's TLS ({@code security.viewer-tls.*}); null for plain HTTP. */
  private final SslContext viewerTls;

  private final EdgeRoutes routes;

  /** Demand-spike prediction (docs/prediction.md); null with {@code edge.predict.enabled=false}. */
  private final EdgePrediction prediction;

  private final BrokerLink broker;
  private final BackgroundNice background;
  private final AtomicLong lastEgress = new AtomicLong();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile boolean draining;

  private EdgeServer(
      EdgeConfig config, UnaryOperator<PeerTransport> transport, OpenResources opened) {
    this.config = config;
    this.opened = opened;
    this.duress = new Duress(config.duress());
    ServiceSecurity security = opened.add(ServiceSecurity.load(config.security(), "vid-cache"));
    DiskTier disk =
        opened.add(
            DiskTier.open(
                config.cacheDir(),
                config.diskMaxBytes(),
                config.cachePolicy(),
                ResourceBudgets.openFiles(config, ResourceBudgets.maxFileDescriptors())),
            DiskTier::close);
    this.tiers =
        new Tiers(
            opened.add(new MemoryTier(ResourceBudgets.memory(config)), MemoryTier::clear), disk);
    this.metrics =
        new EdgeMetrics(Metrics.registry("vid-cache", config.name()), tiers.disk(), tiers.memory());
    EdgeAccessLog accessLog =
        config.accessLog().enabled()
            ? opened.add(EdgeAccessLog.open(config, security.clientContext()))
            : null;
    EventLoopGroup group =
        opened.add(
            Transports.group(config.name() + "-io", config.ioThreads()),
            g -> g.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly());
    ExecutorService commitExecutor =
        opened.add(executor(config.name() + "-commit-"), EdgeServer::stop);
    ExecutorService diskExecutor =
        opened.add(executor(config.name() + "-disk-"), EdgeServer::stop); // a write chains a commit
    // On the edge's own event loops: a chunk reaches its clients without leaving the thread.
    ManagedChannel origin =
        opened.add(
            OriginChannels.open(
                config.originTarget(),
                security.tls().grpcClient(),
                group,
                Transports.socketChannel()),
            EdgeServer::stop);
    this.versions = new TitleVersions(config.limits().maxTitles());
    // With parents, every fill goes up the tiers first and reaches the origin only through them or
    // after them (docs/topology.md, "Cache tiers"): a peer's fallback and a replica's refill too.
    FillSource fromUpstream =
        upstream(
            config,
            security,
            group,
            new OriginSource(new AsyncOriginClient(origin, ORIGIN_DEADLINE_MILLIS), metrics));
    IntegrityMetrics integrity = new IntegrityMetrics(metrics.registry());
    TitleManifests manifests =
        new TitleManifests(
            new AsyncOriginClient(origin, MANIFEST_DEADLINE_MILLIS)::manifest,
            config.integrity().manifestObjects());
    versions.onRaised(
        (videoId, version) -> {
          tiers.removeOlderThan(videoId, version);
          manifests.forget(videoId); // the origin's objects may have changed with the version
        });
    Allocations allocations = new Allocations();
    this.fills =
        new Fills(
            tiers,
            diskExecutor,
            commitExecutor,
            versions,
            fromUpstream,
            allocations,
            ByteBufAllocator.DEFAULT,
            config.limits().maxFills(),
            config.http().maxUnsizedBytes());
    HttpProxy http =
        config.http().enabled()
            ? HttpProxy.assemble(
                config.http(), config.name(), tiers, fills, metrics, diskExecutor, commitExecutor)
            : null;
    PeerFaults faults = new PeerFaults();
    this.replication =
        config.replication().enabled() && !config.tier().parentTier()
            ? opened.add(
                new EdgeReplication(
                    new SitePeers(
                        config.name(),
                        config.site(),
                        config.brokerUrl(),
                        config.replication().sitePeers(),
                        security.clientContext()),
                    config.replication(),
                    tiers,
                    fills,
                    versions,
                    metrics,
                    fromUpstream,
                    transport.apply(
                        faults.wrap().apply(PeerTransport.http(security.clientContext()))),
                    new PeerCopyCheck(manifests, config.integrity(), integrity),
                    security.tls()))
            : null;
    this.tierHoldings =
        config.replication().enabled() && config.tier().parentTier()
            ? opened.add(
                new TierHoldings(
                    config.name(), config.replication(), tiers.disk(), versions, security.tls()))
            : null;
    // With an index, its versions (read within a tick of the start) drop what was invalidated
    // meanwhile.
    this.revalidation =
        config.replication().enabled()
            ? Revalidation.none()
            : opened.add(Revalidation.ofHeldTitles(tiers, manifests, integrity));
    Prepositions prepositions =
        prepositions(config, opened, security, tiers, versions, manifests, allocations);
    LiveEdge live = opened.add(new LiveEdge(origin, metrics.registry()));
    this.prediction =
        config.predict().enabled()
            ? opened.add(
                EdgePrediction.start(
                    config.predict(),
                    config.name(),
                    config.site(),
                    metrics.registry(),
                    security.clientContext()),
                EdgePrediction::close)
            : null;
    ObjectService objects =
        new ObjectService(tiers, fills, metrics, versions, replication, revalidation, live);
    InternalApi internal =
        new InternalApi(
            config.name(),
            config.site(),
            objects,
            tiers,
            fills,
            versions,
            allocations,
            config.replication().faultInjection() ? faults : null,
            replication,
            new PrepositionApi(prepositions, allocations),
            config.tier().parentTier(),
            prediction);
    this.routes =
        new EdgeRoutes(
            config.name(),
            objects,
            internal,
            metrics,
            tiers,
            () -> draining,
            () -> duress.under(metrics.connections().get()),
            new Gatekeeper(security),
            ViewerSigning.access(config.urlSigning(), metrics, opened),
            http);
    // Each listener counts its own connections; both get the same timeouts and pipelining cap.
    this.limits = new ListenerLimits("edge", config.limits().connections(), metrics.registry());
    this.controlLimits =
        new ListenerLimits("edge-control", config.limits().connections(), metrics.registry());
    this.control =
        opened.add(
            EdgeListeners.control(group, config, security, controlLimits, routes),
            ch -> ch.close().syncUninterruptibly());
    this.viewerTls = security.viewerContext().orElse(null);
    this.listener =
        opened.add(
            EdgeListeners.viewer(
                group,
                config,
                viewerTls,
                limits,
                accessLog == null
                    ? null
                    : () ->
                        new AccessLogHandler(accessLog.writer(), config.http().enabled(), latency),
                prediction == null ? null : prediction::tap,
                prefetch(config, tiers, versions, allocations),
                routes),
            ch -> ch.close().syncUninterruptibly()); // last
    if (replication != null) replication.start(controlUrl());
    if (tierHoldings != null) tierHoldings.start();
    revalidation.start();
    this.broker =
        config.standalone()
            ? null
            : opened.add(
                new BrokerLink(
                    config.brokerUrl(),
                    config.name(),
                    config.publicUrl(port()),
                    controlUrl(),
                    config.site(),
                    config.diskMaxBytes(),
                    config.heartbeatInterval(),
                    this::load,
                    security.client(Duration.ofSeconds(2))));
    this.background = opened.add(BackgroundNice.start(config.backgroundNice()));
    log.info(
        "edge {} serving on {}, control {} ({} transport, {}), origin {}",
        config.name(),
        url(),
        controlUrl(),
        Transports.nativeEpoll() ? "epoll" : "nio",
        config.limits().connections(),
        config.originTarget());
  }

  /** CMCD {@code nor} prefetch (docs/prediction.md): each viewer connection's handler, or null. */
  private Supplier<ChannelHandler> prefetch(
      EdgeConfig config, Tiers tiers, TitleVersions versions, Allocations allocations) {
    if (!config.prefetch().enabled()) return null;
    NorPrefetch prefetch =
        new NorPrefetch(
            config.prefetch(),
            tiers,
            fills,
            versions,
            allocations,
            config.limits().maxFills(),
            metrics.registry());
    return prefetch::handler;
  }

  /**
   * Preposition jobs (docs/continuum.md) on a connection to the origin of their own, on an event
   * loop of their own: a fill's stream never shares a viewer miss's HTTP/2 connection or loop.
   */
  private Prepositions prepositions(
      EdgeConfig config,
      OpenResources opened,
      ServiceSecurity security,
      Tiers tiers,
      TitleVersions versions,
      TitleManifests manifests,
      Allocations allocations) {
    EventLoopGroup group =
        opened.add(
            Transports.group(config.name() + "-preposition", 1),
            g -> g.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly());
    ManagedChannel channel =
        opened.add(
            OriginChannels.open(
                config.originTarget(),
                security.tls().grpcClient(),
                group,
                Transports.socketChannel()),
            EdgeServer::stop);
    FillSource origin =
        new OriginSource(new AsyncOriginClient(channel, ORIGIN_DEADLINE_MILLIS), metrics);
    EdgeReplication peers = replication;
    return opened.add(
        new Prepositions(
            config.preposition(),
            tiers,
            fills,
            versions,
            manifests,
            allocations,
            // Through the parent chain when there is one (the cloud tier fetches each object from
            // the origin once for every site); a ParentSource of its own, so its HTTP connections
            // to the parents are the fills' own, as its origin channel is.
            config.tier().hasParents() ? parents(config, security, group, origin) : origin,
            config.tier().hasParents() ? "parents" : "origin",
            (from, key) -> peers == null ? Optional.empty() : peers.sitePeerFor(from, key),
            new ViewerLoad(
                config.preposition(),
                () -> metrics.connections().get(),
                metrics::egressBytes,
                fills::fetching,
                config.limits().maxFills(),
                latency),
            metrics.registry()));
  }

  /** The fill source of a miss: the parents in order, then the origin; the origin alone without. */
  private FillSource upstream(
      EdgeConfig config, ServiceSecurity security, EventLoopGroup group, FillSource origin) {
    if (!config.tier().hasParents()) return origin;
    log.info(
        "edge {} ({}) fills from parents {}, then {}, then the origin",
        config.name(),
        config.tier().role(),
        config.tier().primary(),
        config.tier().secondary());
    return parents(config, security, group, origin);
  }

  /**
   * Fills from the parents on {@code group}'s loops. Idle connections to a parent are kept until a
   * second before the parent would close them: a parent is a vid-cache given the same {@code
   * edge.limits.idle-timeout} as this one by {@code cdn up}.
   */
  private ParentSource parents(
      EdgeConfig config, ServiceSecurity security, EventLoopGroup group, FillSource origin) {
    Duration idle = config.limits().connections().idleTimeout();
    return ParentSource.of(
        config.tier(),
        security.tls().httpClient(),
        group,
        idle.compareTo(Duration.ofSeconds(2)) > 0 ? idle.minusSeconds(1) : idle,
        origin,
        versions,
        metrics);
  }

  public static EdgeServer start(EdgeConfig config) {
    return start(config, UnaryOperator.identity());
  }

  /** With the calls to site peers wrapped, e.g. by a test's partition. */
  static EdgeServer start(EdgeConfig config, UnaryOperator<PeerTransport> transport) {
    OpenResources opened = new OpenResources();
    try {
      return new EdgeServer(config, transport, opened);
    } catch (RuntimeException | Error e) {
      opened.close();
      throw e;
    }
  }

  private static ExecutorService executor(String threadPrefix) {
    return Executors.newFixedThreadPool(
        2, Thread.ofPlatform().name(threadPrefix, 0).daemon().factory());
  }

  @Override
  public int port() {
    return ((InetSocketAddress) listener.localAddress()).getPort();
  }

  @Override
  public String url() {
    return (viewerTls == null ? "http://" : "https://") + config.host() + ":" + port();
  }

  @Override
  public int controlPort() {
    return ((InetSocketAddress) control.localAddress()).getPort();
  }

  @Override
  public String controlUrl() {
    return config.controlUrl(controlPort());
  }

  @Override
  public List<Router.Route> routes() {
    return routes.routes();
  }

  public EdgeConfig config() {
    return config;
  }

  /** For tests in this package: the disk tier's counters. */
  DiskTier disk() {
    return tiers.disk();
  }

  /** For tests in this package: fills not yet committed to disk. */
  int fillsRunning() {
    return fills.running().count();
  }

  /** For tests in this package: the replication half, or null when the edge works alone. */
  EdgeReplication replication() {
    return replication;
  }

  /** For tests in this package: the players' (viewer) listener's limits at work. */
  ListenerLimits limits() {
    return limits;
  }

  /** For tests in this package: the control listener's limits at work. */
  ListenerLimits controlLimits() {
    return controlLimits;
  }

  TitleVersions versions() {
    return versions;
  }

  /**
   * For tests in this package: the start-up revalidation of titles held from before (none with an
   * index).
   */
  Revalidation revalidation() {
    return revalidation;
  }

  EdgeMetrics metrics() {
    return metrics;
  }

  private EdgeLoad load() {
    long egress = metrics.egressBytes();
    long perSecond =
        (egress - lastEgress.getAndSet(egress))
            * 1000
            / Math.max(1, config.heartbeatInterval().toMillis());
    duress.egress(perSecond);
    int connections = metrics.connections().get();
    return new EdgeLoad(
        connections,
        perSecond,
        tiers.disk().usedBytes(),
        config.diskMaxBytes(),
        draining,
        duress.under(connections));
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) return;
    background.close();
    draining = true;
    if (broker != null) broker.beatNow();
    listener.close().syncUninterruptibly();
    control.close().syncUninterruptibly();
    awaitDrain();
    opened.close(); // the broker link (leaving the broker), replication, origin, executors, event
    // loops, tiers
    log.info("edge {} stopped", config.name());
  }

  /**
   * Stops an executor, letting what is queued (a commit, a write) run for up to {@link #STOP_WAIT}.
   */
  private static void stop(ExecutorService executor) throws InterruptedException {
    executor.shutdown();
    executor.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static void stop(ManagedChannel origin) throws InterruptedException {
    origin.shutdownNow();
    origin.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void awaitDrain() {
    try {
      long start = System.nanoTime();
      if (!metrics.inFlight().awaitZero(DRAIN)) {
        log.warn(
            "edge {} stops with {} responses still in flight after {}",
            config.name(),
            metrics.inFlight().count(),
            DRAIN);
      }
      Duration left = DRAIN.minusNanos(System.nanoTime() - start);
      if (!fills.running().awaitZero(left.isNegative() ? Duration.ZERO : left)) {
        log.warn("edge {} stops with {} fills uncommitted", config.name(), fills.running().count());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
