package org.telcocdn.common.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.common.security.Gatekeeper;
import org.telcocdn.common.security.ServiceSecurity;
import org.telcocdn.security.OperatorRole;

/**
 * The HTTP server of the services (metadata, broker, origin ingest, client pages, analytics,
 * controller, index members), on Netty, with up to two listeners (docs/security.md): a viewer
 * listener for the public routes (plain HTTP, CORS for the player page) and a control listener for
 * the rest (mutual TLS; every route checks its caller against its {@link Access}, and every
 * state-changing call is audited). A route asked for on the other listener is a 404.
 *
 * <p>Handlers run on virtual threads and may block (those added with {@link Builder#getNonBlocking}
 * run on the event loop and must not); every service gets {@code GET /health} on each listener (its
 * details only for authenticated callers) and {@code GET /metrics} (Prometheus text) on the control
 * listener, JSON errors for everything that goes wrong, path segments that cannot leave a store,
 * and on each listener its own {@link ConnectionLimits} at work (connections counted per listener;
 * header, idle and write timeouts; pipelined requests answered in order up to a cap). The edge data
 * plane (vid-cache) has its own pipeline for zero-copy serving but shares {@link PathSegments}, the
 * {@link Router}, the {@link Gatekeeper}, the limits and the error model.
 */
public final class HttpServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HttpServer.class);

  private final EventLoopGroup group;
  private final ExecutorService handlers;
  private final Router router;
  private final Channel viewer;
  private final Channel control;
  private final String service;

  /**
   * Each listener counts its own connections against the cap; null for a listener the server does
   * not have.
   */
  private final ListenerLimits viewerLimits;

  private final boolean viewerTls;

  private final ListenerLimits controlLimits;

  /**
   * Binds last; if a bind fails (the port taken), what was bound and the threads are stopped again.
   */
  private HttpServer(Builder b) {
    this.service = b.service;
    this.router = b.router;
    this.viewerTls = b.tls(Listener.VIEWER) != null;
    b.addBuiltIns();
    this.group = Transports.group(b.service + "-http", b.ioThreads);
    this.handlers =
        Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name(b.service + "-handler-", 0).factory());
    RequestTimers timers = new RequestTimers(b.registry);
    this.viewerLimits =
        b.viewerHost == null
            ? null
            : new ListenerLimits(b.service + "-viewer", b.limits, b.registry);
    this.controlLimits =
        b.security == null
            ? null
            : new ListenerLimits(b.service + "-control", b.limits, b.registry);
    Channel bound = null;
    try {
      if (b.viewerHost != null)
        bound = bind(b, Listener.VIEWER, b.viewerHost, b.viewerPort, null, timers, viewerLimits);
      this.viewer = bound;
      this.control =
          b.security == null
              ? null
              : bind(
                  b,
                  Listener.CONTROL,
                  b.controlHost,
                  b.controlPort,
                  new Gatekeeper(b.security),
                  timers,
                  controlLimits);
    } catch (RuntimeException e) {
      if (bound != null) bound.close().syncUninterruptibly();
      stopThreads();
      throw e;
    }
    log.info(
        "{} listening on {} ({} transport, {})",
        service,
        describe(),
        Transports.nativeEpoll() ? "epoll" : "nio",
        b.limits);
  }

  private Channel bind(
      Builder b,
      Listener listener,
      String host,
      int port,
      Gatekeeper gatekeeper,
      RequestTimers timers,
      ListenerLimits limits) {
    HttpServerConfig config =
        new HttpServerConfig(
            b.service,
            listener,
            b.router,
            b.maxBodyBytes,
            b.maxUploadBytes,
            b.uploadDir,
            b.registry,
            handlers,
            timers,
            gatekeeper);
    ServerBootstrap bootstrap =
        Transports.serverBootstrap(group)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    // TLS below the limits' guard: a handshake that never finishes is a slow head,
                    // timed out alike.
                    SslContext tls = b.tls(listener);
                    if (tls != null) ch.pipeline().addLast(tls.newHandler(ch.alloc()));
                    if (!limits.addHttpCodec(ch)) return; // over the connection cap: closed
                    ch.pipeline().addLast(new HttpChannelHandler(config));
                  }
                });
    return Transports.bind(
        bootstrap,
        new InetSocketAddress(host, port),
        service + " " + listener.name().toLowerCase());
  }

  public static Builder builder(String service) {
    return new Builder(service);
  }

  /**
   * The viewer listener's port (the real one when configured as 0); the control port when there is
   * no viewer listener.
   */
  public int port() {
    return viewer != null ? portOf(viewer) : controlPort();
  }

  public int controlPort() {
    if (control == null) throw new IllegalStateException(service + " has no control listener");
    return portOf(control);
  }

  public boolean hasViewerListener() {
    return viewer != null;
  }

  /**
   * {@code https} when the viewer listener serves TLS ({@code security.viewer-tls.*}), else {@code
   * http}; the control listener's ({@code https}) for a server without a viewer listener.
   */
  public String scheme() {
    return viewer == null || viewerTls ? "https" : "http";
  }

  /** The base URL of the viewer listener on loopback, with its {@link #scheme()}. */
  public String url() {
    return scheme() + "://127.0.0.1:" + port();
  }

  /** Every route, with its access, as added: the route-coverage test's list. */
  public List<Router.Route> routes() {
    return router.routes();
  }

  /**
   * The connection limits at work on the viewer listener (the control listener's for a server with
   * only that one): open connections and how often each limit was hit.
   */
  public ListenerLimits limits() {
    return viewerLimits != null ? viewerLimits : controlLimits;
  }

  /** The control listener's connection limits at work. */
  public ListenerLimits controlLimits() {
    if (controlLimits == null)
      throw new IllegalStateException(service + " has no control listener");
    return controlLimits;
  }

  @Override
  public void close() {
    if (viewer != null) viewer.close().syncUninterruptibly();
    if (control != null) control.close().syncUninterruptibly();
    stopThreads();
    log.info("{} stopped", service);
  }

  private String describe() {
    String v =
        viewer == null
            ? ""
            : "viewer "
                + scheme()
                + "://"
                + ((InetSocketAddress) viewer.localAddress()).getHostString()
                + ":"
                + portOf(viewer);
    String c =
        control == null
            ? ""
            : "control https://"
                + ((InetSocketAddress) control.localAddress()).getHostString()
                + ":"
                + portOf(control);
    return v.isEmpty() || c.isEmpty() ? v + c : v + ", " + c;
  }

  private static int portOf(Channel channel) {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  private void stopThreads() {
    group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    handlers.shutdownNow();
  }

  /** Collects listeners, routes and limits; {@link #start()} binds. */
  public static final class Builder {
    private final String service;
    private final Router router = new Router();
    private String viewerHost;
    private int viewerPort;
    private String controlHost;
    private int controlPort;
    private ServiceSecurity security;
    private int ioThreads = 1;
    private long maxBodyBytes = 1 << 20;
    private long maxUploadBytes = 4L << 30;
    private Path uploadDir = Path.of(System.getProperty("java.io.tmpdir"));
    private PrometheusMeterRegistry registry;
    private Supplier<Health> health = Health::up;
    private ConnectionLimits limits =
        ConnectionLimits.defaults(ConnectionLimits.CONTROL_MAX_CONNECTIONS);

    private Builder(String service) {
      this.service = service;
    }

    /**
     * The TLS of a listener: the control listener's mutual TLS, the viewer listener's HTTPS when
     * {@code security.viewer-tls.*} is set; null for plain HTTP.
     */
    private SslContext tls(Listener listener) {
      if (security == null) return null;
      return listener == Listener.CONTROL
          ? security.serverContext()
          : security.viewerContext().orElse(null);
    }

    /**
     * The viewer listener: public routes, plain HTTP, or HTTPS when the service's security
     * configuration names a viewer certificate. A service without one leaves this out.
     */
    public Builder viewer(String host, int port) {
      this.viewerHost = host;
      this.viewerPort = port;
      return this;
    }

    /**
     * The control listener: mutual TLS with {@code security}'s certificate, every route checked.
     */
    public Builder control(String host, int port, ServiceSecurity security) {
      this.controlHost = host;
      this.controlPort = port;
      this.security = security;
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

    public Builder metrics(PrometheusMeterRegistry registry) {
      this.registry = registry;
      return this;
    }

    public Builder health(Supplier<Health> health) {
      this.health = health;
      return this;
    }

    /**
     * Connections (counted per listener), timeouts and pipelining of each connection
     * (docs/security.md).
     */
    public Builder limits(ConnectionLimits limits) {
      this.limits = limits;
      return this;
    }

    public Builder get(String template, Access access, Handler handler) {
      return route("GET", template, access, handler);
    }

    public Builder post(String template, Access access, Handler handler) {
      return route("POST", template, access, handler);
    }

    public Builder put(String template, Access access, Handler handler) {
      return route("PUT", template, access, handler);
    }

    public Builder delete(String template, Access access, Handler handler) {
      return route("DELETE", template, access, handler);
    }

    public Builder route(String method, String template, Access access, Handler handler) {
      router.add(new Router.Route(method, template, access, handler));
      return this;
    }

    /**
     * A GET route whose handler never blocks, run on the event loop (see {@link Dispatch}): only
     * for public handlers that read memory, on the hottest paths.
     */
    public Builder getNonBlocking(String template, Access access, Handler handler) {
      router.add(new Router.Route("GET", template, access, handler, false, Dispatch.EVENT_LOOP));
      return this;
    }

    /** A route whose body streams to a file ({@link Request#bodyFile()}) instead of memory. */
    public Builder upload(String method, String template, Access access, Handler handler) {
      return upload(method, template, access, handler, UploadAdmission.ALWAYS);
    }

    /** An upload route that takes an upload only when {@code admission} admits its head. */
    public Builder upload(
        String method, String template, Access access, Handler handler, UploadAdmission admission) {
      router.add(
          new Router.Route(
              method, template, access, handler, true, Dispatch.VIRTUAL_THREAD, admission));
      return this;
    }

    /** Binds and serves; throws {@link java.io.UncheckedIOException} if a port cannot be bound. */
    public HttpServer start() {
      checkListeners();
      return new HttpServer(this);
    }

    private void checkListeners() {
      if (viewerHost == null && security == null)
        throw new IllegalStateException(service + " has no listener");
      for (Router.Route r : router.routes()) {
        boolean missing =
            r.access().listener() == Listener.VIEWER ? viewerHost == null : security == null;
        if (missing)
          throw new IllegalStateException(
              service
                  + ": "
                  + r.method()
                  + " "
                  + r.template()
                  + " is for the "
                  + r.access().listener()
                  + " listener, which this server does not have");
      }
    }

    /**
     * {@code /health} on each listener (details for authenticated callers), {@code /metrics} on the
     * control one.
     */
    private void addBuiltIns() {
      if (viewerHost != null)
        get("/health", Access.viewer(), r -> Health.brief(health.get()).response(service));
      if (security == null) return;
      get(
          "/health",
          Access.openControl(),
          r ->
              (r.caller().authenticated() ? health.get() : Health.brief(health.get()))
                  .response(service));
      if (registry != null)
        get(
            "/metrics",
            Access.control(OperatorRole.READONLY, Access.ANY_SERVICE),
            r -> Response.prometheus(registry));
    }
  }

  /** For the route listing in docs: method, template and access of each route. */
  public static Map<String, String> describe(List<Router.Route> routes) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    routes.forEach(
        r ->
            out.put(
                r.method() + " " + r.template() + " [" + r.access().listener() + "]",
                r.access().describe()));
    return out;
  }
}
