package org.telcocdn.raw;

import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.common.config.ConfigException;
import org.telcocdn.common.http.Health;
import org.telcocdn.common.http.HttpServer;
import org.telcocdn.common.http.Router;
import org.telcocdn.common.metrics.Metrics;
import org.telcocdn.common.security.ServiceSecurity;
import org.telcocdn.common.service.Service;
import org.telcocdn.raw.grpc.OriginCallers;
import org.telcocdn.raw.grpc.OriginService;
import org.telcocdn.raw.http.LiveRoutes;
import org.telcocdn.raw.http.OriginRoutes;
import org.telcocdn.raw.ingest.Ingest;
import org.telcocdn.raw.ingest.MetadataRegistry;
import org.telcocdn.raw.ingest.RegistrationRecovery;
import org.telcocdn.raw.ingest.TranscodeQueue;
import org.telcocdn.raw.live.LiveChannels;
import org.telcocdn.raw.media.Ffmpeg;
import org.telcocdn.raw.media.Probe;
import org.telcocdn.raw.media.ProcessPriority;
import org.telcocdn.raw.media.Transcoder;
import org.telcocdn.raw.store.VideoStore;

/**
 * vid-raw, the origin: ingest over HTTP, objects to edges over gRPC, both on one {@link
 * VideoStore}; at start, videos committed but never registered are registered ({@link
 * RegistrationRecovery}). The gRPC server reads files on virtual threads, so a slow disk never
 * stalls its event loop.
 */
public final class OriginServer implements Service {
  private static final Logger log = LoggerFactory.getLogger(OriginServer.class);

  private final HttpServer http;
  private final Server grpc;
  private final ExecutorService readers;
  private final VideoStore store;
  private final LiveChannels live;
  private final ServiceSecurity security;
  private final RegistrationRecovery recovery;

  private OriginServer(
      HttpServer http,
      Server grpc,
      ExecutorService readers,
      VideoStore store,
      LiveChannels live,
      ServiceSecurity security,
      RegistrationRecovery recovery) {
    this.live = live;
    this.security = security;
    this.http = http;
    this.grpc = grpc;
    this.readers = readers;
    this.store = store;
    this.recovery = recovery;
  }

  public static OriginServer start(OriginConfig config) {
    ServiceSecurity security = ServiceSecurity.load(config.security(), "vid-raw");
    PrometheusMeterRegistry registry = Metrics.registry("vid-raw", "origin-" + config.port());
    OriginMetrics metrics = new OriginMetrics(registry);
    VideoStore store = new VideoStore(config.storeDir());
    Ffmpeg ffmpeg = Ffmpeg.from(config.ffmpeg(), config.ffprobe());
    MetadataRegistry catalog =
        new MetadataRegistry(config.metadataUrl(), security.client(Duration.ofSeconds(10)));
    Ingest ingest = ingest(config, store, ffmpeg, catalog, metrics);
    ExecutorService readers =
        Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("origin-read-", 0).factory());
    LiveChannels live = new LiveChannels(ffmpeg, config.live(), config.storeDir().resolve("live"));
    Server grpc;
    try {
      grpc =
          startGrpc(
              config,
              security,
              new OriginService(store, live, config.chunkBytes(), readers, metrics));
    } catch (RuntimeException e) {
      readers.shutdownNow();
      security.close();
      throw e;
    }
    try {
      HttpServer.Builder routes =
          new OriginRoutes(ingest, store).register(HttpServer.builder("vid-raw"));
      HttpServer http =
          new LiveRoutes(
                  live,
                  new Probe(ffmpeg, ProcessPriority.UNCHANGED, config.uploads()::allows),
                  catalog,
                  ingest)
              .register(routes)
              .control(config.host(), config.port(), security)
              .uploads(config.maxUploadBytes(), store.uploadDir())
              .limits(config.limits())
              .metrics(registry)
              .health(
                  () ->
                      Health.up(
                          Map.of(
                              "grpcPort", grpc.getPort(), "store", config.storeDir().toString())))
              .start();
      return new OriginServer(
          http,
          grpc,
          readers,
          store,
          live,
          security,
          new RegistrationRecovery(store, catalog, metrics).start());
    } catch (RuntimeException e) {
      live.close();
      grpc.shutdownNow();
      readers.shutdownNow();
      security.close();
      throw e;
    }
  }

  private static Ingest ingest(
      OriginConfig config,
      VideoStore store,
      Ffmpeg ffmpeg,
      MetadataRegistry catalog,
      OriginMetrics metrics) {
    OriginConfig.Transcode t = config.transcode();
    ProcessPriority priority = t.priority();
    if (!priority.missingTools().isEmpty()) {
      throw new ConfigException(
          "origin.transcode.nice="
              + t.nice()
              + ", origin.transcode.scheduler="
              + t.scheduler().configName()
              + " and origin.transcode.own-session="
              + t.ownSession()
              + " need "
              + priority.missingTools()
              + " on PATH; set 0, normal and false to run ffmpeg as is");
    }
    Transcoder transcoder =
        new Transcoder(
            ffmpeg,
            config.renditions(),
            config.segmentSeconds(),
            config.x264Preset(),
            t.threads(),
            priority);
    TranscodeQueue queue =
        new TranscodeQueue(
            t.concurrency(), t.backlog(), () -> metrics.ingest(OriginMetrics.IngestOutcome.BUSY));
    metrics.transcodeQueue(queue::admitted, queue::running);
    log.info(
        "transcodes: ffmpeg at {}, {} per stage, {} at a time, {} more ingests admitted at most",
        priority,
        t.threads() == 0 ? "ffmpeg's choice of threads" : t.threads() + " thread(s)",
        t.concurrency(),
        t.backlog());
    return new Ingest(
        store,
        new Probe(ffmpeg, priority, config.uploads()::allows),
        transcoder,
        catalog,
        metrics,
        queue,
        config.uploads());
  }

  /** Mutual TLS with the service's certificate; only edges may call ({@link OriginCallers}). */
  private static Server startGrpc(
      OriginConfig config, ServiceSecurity security, OriginService service) {
    try {
      return NettyServerBuilder.forAddress(new InetSocketAddress(config.host(), config.grpcPort()))
          .sslContext(security.tls().grpcServer())
          .intercept(new OriginCallers())
          .addService(service)
          .build()
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot bind gRPC on " + config.host() + ":" + config.grpcPort(), e);
    }
  }

  @Override
  public int port() {
    return http.port();
  }

  @Override
  public int controlPort() {
    return http.controlPort();
  }

  /** The control listener: vid-raw has no viewer listener. */
  @Override
  public String url() {
    return controlUrl();
  }

  @Override
  public List<Router.Route> routes() {
    return http.routes();
  }

  /** The gRPC port bound, the real one when configured as 0. */
  public int grpcPort() {
    return grpc.getPort();
  }

  /** {@code host:port} for {@code OriginChannels.open}. */
  public String grpcTarget() {
    return "127.0.0.1:" + grpcPort();
  }

  public VideoStore store() {
    return store;
  }

  /** Committed videos vid-metadata had not confirmed, registered in the background after start. */
  public RegistrationRecovery recovery() {
    return recovery;
  }

  /** The live channels this origin runs. */
  public LiveChannels live() {
    return live;
  }

  @Override
  public void close() {
    recovery.close();
    live.close();
    grpc.shutdown();
    http.close();
    try {
      if (!grpc.awaitTermination(2, TimeUnit.SECONDS)) grpc.shutdownNow();
    } catch (InterruptedException e) {
      grpc.shutdownNow();
      Thread.currentThread().interrupt();
    }
    readers.shutdownNow();
    security.close();
  }
}
