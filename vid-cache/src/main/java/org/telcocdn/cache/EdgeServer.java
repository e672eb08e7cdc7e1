package org.telcocdn.cache;

import com.sun.management.UnixOperatingSystemMXBean;
import io.grpc.ManagedChannel;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.internal.PlatformDependent;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.cache.fill.FillSource;
import org.telcocdn.cache.fill.Fills;
import org.telcocdn.cache.fill.OriginSource;
import org.telcocdn.cache.metrics.EdgeMetrics;
import org.telcocdn.cache.replication.EdgeReplication;
import org.telcocdn.cache.replication.PeerFaults;
import org.telcocdn.cache.replication.PeerTransport;
import org.telcocdn.cache.replication.SitePeers;
import org.telcocdn.cache.serving.AccessLogHandler;
import org.telcocdn.cache.serving.EdgeHandler;
import org.telcocdn.cache.serving.EdgeRoutes;
import org.telcocdn.cache.serving.ObjectService;
import org.telcocdn.cache.storage.Allocations;
import org.telcocdn.cache.storage.DiskTier;
import org.telcocdn.cache.storage.MemoryTier;
import org.telcocdn.cache.storage.Tiers;
import org.telcocdn.cache.storage.TitleVersions;
import org.telcocdn.common.http.Transports;
import org.telcocdn.common.metrics.Metrics;
import org.telcocdn.common.service.BackgroundNice;
import org.telcocdn.common.service.Service;
import org.telcocdn.protocol.origin.client.AsyncOriginClient;
import org.telcocdn.protocol.origin.client.OriginChannels;

/**
 * One edge: its own Netty pipeline (no body aggregation on responses, zero-copy disk hits), the two
 * tiers, the shared origin channel and, unless standalone, its membership at the broker.
 *
 * <p>Close drains: it tells the broker, stops accepting, lets responses in flight finish for up to
 * {@link #DRAIN}, then leaves the broker and releases everything.
 */
public final class EdgeServer implements Service {
  private static final Logger log = LoggerFactory.getLogger(EdgeServer.class);
  static final Duration DRAIN = Duration.ofSeconds(5);
  private static final long ORIGIN_DEADLINE_MILLIS = 60_000;
  private static final int MAX_REQUEST_BYTES = 64 * 1024;

  private final EdgeConfig config;
  private final EventLoopGroup group;
  private final ExecutorService diskExecutor;
  private final ExecutorService commitExecutor;
  private final ManagedChannel origin;
  private final Tiers tiers;
  private final EdgeMetrics metrics;
  private final Channel listener;
  private final BrokerLink broker;
  private final Fills fills;
  private final AtomicLong lastEgress = new AtomicLong();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile boolean draining;
  private final Duress duress;
  private final EdgeAccessLog accessLog;
  private final TitleVersions versions;
  private final EdgeReplication replication;
  private final PeerFaults faults = new PeerFaults();
  private final BackgroundNice background;

  private EdgeServer(EdgeConfig config, Duress duress, UnaryOperator<PeerTransport> transport) throws InterruptedException {
    this.config = config;
    this.duress = duress;
    this.tiers = new Tiers(new MemoryTier(memoryBudget(config)), DiskTier.open(config.cacheDir(), config.diskMaxBytes(), config.cachePolicy(),
        openFilesBudget(config, maxFileDescriptors())));
    this.metrics = new EdgeMetrics(Metrics.registry("vid-cache", config.name()), tiers.disk(), tiers.memory());
    this.group = Transports.group(config.name() + "-io", config.ioThreads());
    // On the edge's own event loops: a chunk reaches its clients without leaving the thread.
    this.origin = OriginChannels.open(config.originTarget(), group, Transports.socketChannel());
    this.diskExecutor = Executors.newFixedThreadPool(2, Thread.ofPlatform().name(config.name() + "-disk-", 0).daemon().factory());
    this.commitExecutor = Executors.newFixedThreadPool(2, Thread.ofPlatform().name(config.name() + "-commit-", 0).daemon().factory());
    this.versions = new TitleVersions();
    versions.onRaised((videoId, version) -> tiers.removeOlderThan(videoId, version));
    FillSource fromOrigin = new OriginSource(new AsyncOriginClient(origin, ORIGIN_DEADLINE_MILLIS), metrics);
    Allocations allocations = new Allocations();
    this.fills = new Fills(tiers, diskExecutor, commitExecutor, versions, fromOrigin, allocations, ByteBufAllocator.DEFAULT);
    ObjectService objects = new ObjectService(tiers, fills, metrics, versions);
    EdgeRoutes routes = new EdgeRoutes(config.name(), objects, tiers, fills, metrics,
        () -> draining, () -> duress.under(metrics.connections().get()), versions,
        config.replication().faultInjection() ? faults : null, allocations);
    this.accessLog = EdgeAccessLog.open(config);
    this.listener = bind(routes);
    this.replication = config.replication().enabled()
        ? new EdgeReplication(new SitePeers(config.name(), config.site(), config.brokerUrl(), config.replication().sitePeers()),
            config.replication(), config.publicUrl(port()), tiers, fills, versions, metrics, fromOrigin,
            transport.apply(faults.wrap().apply(PeerTransport.http())))
        : null;
    objects.replicateWith(replication);
    routes.replicateWith(replication);
    this.broker = config.standalone() ? null : new BrokerLink(config.brokerUrl(), config.name(),
        config.publicUrl(port()), config.site(), config.diskMaxBytes(), config.heartbeatInterval(), this::load);
    this.background = BackgroundNice.start(config.backgroundNice());
    log.info("edge {} serving on {} ({} transport), origin {}", config.name(), url(),
        Transports.nativeEpoll() ? "epoll" : "nio", config.originTarget());
  }

  public static EdgeServer start(EdgeConfig config) {
    return start(config, UnaryOperator.identity());
  }

  /** With the calls to site peers wrapped, e.g. by a test's partition. */
  static EdgeServer start(EdgeConfig config, UnaryOperator<PeerTransport> transport) {
    try {
      return new EdgeServer(config, new Duress(config.duress()), transport);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while binding edge " + config.name(), e);
    }
  }

  /**
   * The memory tier, fills in flight and Netty's buffers all live in the JVM's direct memory, which
   * defaults to the heap size: a memory tier as large as that limit makes fills fail mid-stream with
   * "Cannot reserve direct buffer memory". Half the limit leaves the rest for fills and sockets.
   */
  static long memoryBudget(EdgeConfig config) {
    long limit = PlatformDependent.maxDirectMemory() / 2;
    if (config.memoryMaxBytes() <= limit) return config.memoryMaxBytes();
    log.warn("edge {}: edge.memory.max-bytes {} is more than half the JVM's direct memory ({} bytes); using {}."
        + " Raise -XX:MaxDirectMemorySize to use more", config.name(), config.memoryMaxBytes(), limit * 2, limit);
    return limit;
  }

  /**
   * Handles kept open by the disk tier share the process's file descriptors with client connections
   * and fills: a quarter of the limit at most, so a host still at the common soft limit of 1,024 keeps
   * 256 and the rest for sockets.
   */
  static int openFilesBudget(EdgeConfig config, long maxFileDescriptors) {
    long limit = maxFileDescriptors / 4;
    if (config.diskOpenFiles() <= limit) return config.diskOpenFiles();
    log.warn("edge {}: edge.disk.open-files {} is more than a quarter of the process's file descriptor limit ({});"
        + " keeping {} open. Raise the limit (ulimit -n) to keep more", config.name(), config.diskOpenFiles(), maxFileDescriptors, limit);
    return (int) limit;
  }

  /** The process's file descriptor limit, or a generous guess where the JVM does not tell. */
  private static long maxFileDescriptors() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix
        ? unix.getMaxFileDescriptorCount() : 65_536;
  }

  private Channel bind(EdgeRoutes routes) throws InterruptedException {
    ServerBootstrap bootstrap = Transports.serverBootstrap(group)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_REQUEST_BYTES));
            if (accessLog != null) ch.pipeline().addLast(new AccessLogHandler(accessLog.writer()));
            ch.pipeline().addLast(new EdgeHandler(routes));
          }
        });
    return bootstrap.bind(new InetSocketAddress(config.host(), config.port())).sync().channel();
  }

  @Override
  public int port() {
    return ((InetSocketAddress) listener.localAddress()).getPort();
  }

  @Override
  public String url() {
    return "http://" + config.host() + ":" + port();
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

  TitleVersions versions() {
    return versions;
  }

  EdgeMetrics metrics() {
    return metrics;
  }

  private EdgeLoad load() {
    long egress = metrics.egressBytes();
    long perSecond = (egress - lastEgress.getAndSet(egress)) * 1000 / Math.max(1, config.heartbeatInterval().toMillis());
    duress.egress(perSecond);
    int connections = metrics.connections().get();
    return new EdgeLoad(connections, perSecond, tiers.disk().usedBytes(), config.diskMaxBytes(), draining,
        duress.under(connections));
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) return;
    background.close();
    draining = true;
    if (broker != null) broker.beatNow();
    listener.close().syncUninterruptibly();
    awaitDrain();
    if (broker != null) broker.close();
    if (replication != null) replication.close();
    // origin and disk first: their last callbacks still write to channels of the event loops
    origin.shutdownNow();
    try {
      origin.awaitTermination(2, TimeUnit.SECONDS);
      diskExecutor.shutdown();
      diskExecutor.awaitTermination(2, TimeUnit.SECONDS);
      commitExecutor.shutdown();
      commitExecutor.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    tiers.memory().clear();
    tiers.disk().close();
    if (accessLog != null) accessLog.close();
    log.info("edge {} stopped", config.name());
  }

  private void awaitDrain() {
    try {
      long start = System.nanoTime();
      if (!metrics.inFlight().awaitZero(DRAIN)) {
        log.warn("edge {} stops with {} responses still in flight after {}", config.name(), metrics.inFlight().count(), DRAIN);
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
