package org.telcocdn.common.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server of the control-plane APIs (metadata, broker, origin ingest, client pages), on
 * Netty. Handlers run on virtual threads and may block (those added with {@link
 * Builder#getNonBlocking} run on the event loop and must not); every service gets {@code GET
 * /health} and {@code GET /metrics} (Prometheus text) for free, CORS for the player page, JSON
 * errors for everything that goes wrong, and path segments that cannot leave a store. The edge data
 * plane (vid-cache) has its own pipeline for zero-copy serving but shares {@link PathSegments} and
 * the error model.
 */
public final class HttpServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HttpServer.class);

  private final EventLoopGroup group;
  private final ExecutorService handlers;
  private final Channel channel;
  private final String service;

  /**
   * Binds last; if the bind fails (the port taken), the event loops and handler threads are stopped
   * again.
   */
  private HttpServer(Builder b) {
    this.service = b.service;
    this.group = Transports.group(b.service + "-http", b.ioThreads);
    this.handlers =
        Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name(b.service + "-handler-", 0).factory());
    HttpServerConfig config =
        new HttpServerConfig(
            b.service,
            b.router,
            b.maxBodyBytes,
            b.maxUploadBytes,
            b.uploadDir,
            b.cors,
            b.registry,
            b.health,
            handlers,
            new RequestTimers(b.registry));
    ServerBootstrap bootstrap =
        Transports.serverBootstrap(group)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline().addLast(new HttpServerCodec(), new HttpChannelHandler(config));
                  }
                });
    try {
      this.channel = Transports.bind(bootstrap, new InetSocketAddress(b.host, b.port), service);
    } catch (RuntimeException e) {
      stopThreads();
      throw e;
    }
    log.info(
        "{} listening on http://{}:{} ({} transport)",
        service,
        b.host,
        port(),
        Transports.nativeEpoll() ? "epoll" : "nio");
  }

  public static Builder builder(String service) {
    return new Builder(service);
  }

  /** The port bound, which is the real one when the configured port was 0. */
  public int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
    stopThreads();
    log.info("{} stopped", service);
  }

  private void stopThreads() {
    group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    handlers.shutdownNow();
  }

  /** Collects routes and limits; {@link #start()} binds. */
  public static final class Builder {
    private final String service;
    private final Router router = new Router();
    private String host = "127.0.0.1";
    private int port;
    private int ioThreads = 1;
    private long maxBodyBytes = 1 << 20;
    private long maxUploadBytes = 4L << 30;
    private Path uploadDir = Path.of(System.getProperty("java.io.tmpdir"));
    private boolean cors = true;
    private PrometheusMeterRegistry registry;
    private Supplier<Health> health = Health::up;

    private Builder(String service) {
      this.service = service;
    }

    public Builder host(String host) {
      this.host = host;
      return this;
    }

    public Builder port(int port) {
      this.port = port;
      return this;
    }

    public Builder ioThreads(int threads) {
      this.ioThreads = threads;
      return this;
    }

    /** Largest body held in memory; larger requests get 413. */
    public Builder maxBodyBytes(long bytes) {
      this.maxBodyBytes = bytes;
      return this;
    }

    /** Largest body of an upload route; it streams to a temporary file in {@code dir}. */
    public Builder uploads(long maxBytes, Path dir) {
      this.maxUploadBytes = maxBytes;
      this.uploadDir = dir;
      return this;
    }

    public Builder cors(boolean enabled) {
      this.cors = enabled;
      return this;
    }

    public Builder metrics(PrometheusMeterRegistry registry) {
      this.registry = registry;
      return this;
    }

    public Builder health(Supplier<Health> health) {
      this.health = health;
      return this;
    }

    public Builder get(String template, Handler handler) {
      return route("GET", template, handler);
    }

    public Builder post(String template, Handler handler) {
      return route("POST", template, handler);
    }

    public Builder put(String template, Handler handler) {
      return route("PUT", template, handler);
    }

    public Builder delete(String template, Handler handler) {
      return route("DELETE", template, handler);
    }

    public Builder route(String method, String template, Handler handler) {
      router.add(new Router.Route(method, template, handler, false));
      return this;
    }

    /**
     * A GET route whose handler never blocks, run on the event loop (see {@link Dispatch}): only
     * for handlers that read memory, on the hottest paths.
     */
    public Builder getNonBlocking(String template, Handler handler) {
      router.add(new Router.Route("GET", template, handler, false, Dispatch.EVENT_LOOP));
      return this;
    }

    /** A route whose body streams to a file ({@link Request#bodyFile()}) instead of memory. */
    public Builder upload(String method, String template, Handler handler) {
      return upload(method, template, handler, UploadAdmission.ALWAYS);
    }

    /** An upload route that takes an upload only when {@code admission} admits its head. */
    public Builder upload(
        String method, String template, Handler handler, UploadAdmission admission) {
      router.add(
          new Router.Route(method, template, handler, true, Dispatch.VIRTUAL_THREAD, admission));
      return this;
    }

    /**
     * Binds and serves; throws {@link java.io.UncheckedIOException} if the port cannot be bound.
     */
    public HttpServer start() {
      return new HttpServer(this);
    }
  }
}
