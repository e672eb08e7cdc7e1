package org.telcocdn.cache.http;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpRequestEncoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.telcocdn.cache.http.DeliveryService.OriginAddress;
import org.telcocdn.cache.metrics.EdgeMetrics;
import org.telcocdn.cache.metrics.OriginFailure;
import org.telcocdn.common.http.Transports;

/**
 * A pooled, keep-alive HTTP/1.1 client to origins, on the edge's own event loops: the HTTP origins
 * of delivery services (in clear), and the parent caches of the tier above (TLS with the edge's
 * certificate, {@code tier.ParentSource}).
 *
 * <p>A request is sent from the event loop of the viewer connection that needs it, on a connection
 * registered with that same loop: the origin's bytes then reach the viewer's channel (and the
 * fill's chunk list) without a thread hop, as the gRPC channel to vid-raw does. Idle connections
 * are kept per origin and per loop, so a pool is only ever touched by its own thread and needs no
 * lock. Bodies are streamed: each chunk is handed on as the socket read it, and reading pauses
 * while the fill has no room for more ({@link OriginCall#request}), so a slow disk slows the
 * origin, never the heap.
 *
 * <p>Limits (docs/configuration.md, {@code edge.http.*}):
 *
 * <pre>
 * connect-timeout     TCP connect                               2 s
 * read-timeout        silence while a byte is awaited           10 s
 * keep-alive          idle pooled connection kept               30 s, or the origin's Keep-Alive timeout less 1 s
 * max-idle            idle connections per origin and loop      32
 * max-header-bytes    response head                             64 KiB
 * </pre>
 *
 * A request whose reused connection is closed before any response byte (the origin closed it while
 * idle, as the request went out) is sent once more on a new one, if it has no body; RFC 9110 §9.2.2
 * lets a client retry idempotent requests so. A connection that received more than its response (a
 * body longer than its Content-Length) is never reused.
 */
public final class OriginClient {
  /**
   * Socket reads of up to 256 KiB instead of Netty's 64 KiB: a 1 MiB fill then costs a quarter of
   * the reads, fill chunks, disk-write tasks and viewer writes. Measured on bench/edge-vs-peers'
   * Zipf row (edge-http, 6 alternated pairs): req/s +22 %, CPU per GB -18 %, p99 -10 % (medians).
   * Reads of up to 1 MiB gained less and doubled the p99 (one read holds the event loop longer); a
   * pooled allocator for them cost more CPU, not less.
   */
  private static final RecvByteBufAllocator READS =
      new AdaptiveRecvByteBufAllocator(4096, 65536, 256 * 1024);

  /**
   * What the client allows its origins (see the table above).
   *
   * @param readTimeout silence while a byte is awaited; for a call with a head timeout of its own,
   *     only once its head has come
   */
  public record Limits(
      Duration connectTimeout,
      Duration readTimeout,
      Duration keepAlive,
      int maxIdle,
      int maxHeaderBytes) {}

  private final Limits config;
  private final Consumer<OriginFailure> failures;

  /** Null: in clear. */
  private final SslContext tls;

  private final Map<EventLoop, Map<OriginAddress, ArrayDeque<OriginConnection>>> idle =
      new ConcurrentHashMap<>();

  /** Connections opened, so a request that paid a handshake shows in the metrics. */
  private final LongAdder opened = new LongAdder();

  /** To delivery services' HTTP origins, in clear, failures counted by {@code metrics}. */
  public OriginClient(HttpOriginConfig config, EdgeMetrics metrics) {
    this(
        new Limits(
            config.connectTimeout(),
            config.readTimeout(),
            config.keepAlive(),
            config.maxIdle(),
            config.maxHeaderBytes()),
        metrics::originFailure,
        null);
  }

  /**
   * {@code tls}: a client context every connection opens TLS with (the origin's certificate checked
   * against the host it is asked at), or null for clear text; {@code failures} hears why each
   * request failed.
   */
  public OriginClient(Limits limits, Consumer<OriginFailure> failures, SslContext tls) {
    this.config = limits;
    this.failures = failures;
    this.tls = tls;
  }

  /**
   * Sends {@code request} (the client takes over its reference) to {@code origin} from {@code
   * loop}; the listener hears the response on that loop. The call starts with {@code window} chunks
   * of credit.
   */
  public OriginCall send(
      EventLoop loop,
      OriginAddress origin,
      FullHttpRequest request,
      int window,
      OriginListener listener) {
    return send(loop, origin, request, window, listener, null);
  }

  /**
   * As {@link #send(EventLoop, OriginAddress, FullHttpRequest, int, OriginListener)}; {@code
   * headTimeout} not null fails the call ({@link OriginFailure#TIMEOUT}) when its response head has
   * not come within it of the send, connecting included, whatever came meanwhile.
   */
  public OriginCall send(
      EventLoop loop,
      OriginAddress origin,
      FullHttpRequest request,
      int window,
      OriginListener listener,
      Duration headTimeout) {
    OriginCall call = new OriginCall(this, loop, origin, request, window, listener, headTimeout);
    if (loop.inEventLoop()) call.start();
    else loop.execute(call::start);
    return call;
  }

  Limits config() {
    return config;
  }

  void failed(OriginFailure reason) {
    failures.accept(reason);
  }

  /** A live idle connection to {@code origin} on {@code loop}, or null. On the loop only. */
  OriginConnection idle(EventLoop loop, OriginAddress origin) {
    ArrayDeque<OriginConnection> pool = pools(loop).get(origin);
    while (pool != null && !pool.isEmpty()) {
      OriginConnection c =
          pool.pollLast(); // the most recently used: the least likely to have been closed
      if (c.usable(System.nanoTime())) return c;
      c.channel().close();
    }
    return null;
  }

  /** Keeps {@code c} for the next request, or closes it when the pool is full. On the loop only. */
  void release(EventLoop loop, OriginConnection c) {
    ArrayDeque<OriginConnection> pool =
        pools(loop).computeIfAbsent(c.origin(), o -> new ArrayDeque<>());
    if (pool.size() >= config.maxIdle()) {
      c.channel().close();
      return;
    }
    pool.addLast(c);
  }

  /** Drops a closed connection from its pool. On the loop only. */
  void forget(EventLoop loop, OriginConnection c) {
    ArrayDeque<OriginConnection> pool = pools(loop).get(c.origin());
    if (pool != null) pool.remove(c);
  }

  private Map<OriginAddress, ArrayDeque<OriginConnection>> pools(EventLoop loop) {
    return idle.computeIfAbsent(loop, l -> new HashMap<>());
  }

  /** Connections this client has opened (or tried to), to every origin from every loop. */
  public long connectionsOpened() {
    return opened.sum();
  }

  /** Connects a new connection to {@code origin} on {@code loop}. */
  ChannelFuture connect(EventLoop loop, OriginAddress origin) {
    opened.increment();
    HttpDecoderConfig decoder =
        new HttpDecoderConfig()
            .setMaxHeaderSize(config.maxHeaderBytes())
            // Chunks as large as the socket read them: one fill chunk per read, not one per 8 KiB.
            .setMaxChunkSize(1 << 20)
            .setUseRfc9112TransferEncoding(true);
    long readMillis = config.readTimeout().toMillis();
    long keepMillis = config.keepAlive().toMillis();
    return new Bootstrap()
        .group(loop)
        .channel(Transports.socketChannel())
        .option(ChannelOption.RCVBUF_ALLOCATOR, READS)
        .option(
            ChannelOption.CONNECT_TIMEOUT_MILLIS,
            (int) Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis()))
        .option(ChannelOption.TCP_NODELAY, true)
        .handler(
            new ChannelInitializer<Channel>() {
              @Override
              protected void initChannel(Channel ch) {
                OriginResponseDecoder responses = new OriginResponseDecoder(decoder);
                if (tls != null) ch.pipeline().addLast(tls(ch, origin));
                ch.pipeline()
                    .addLast(
                        new IdleStateHandler(readMillis, 0, keepMillis, TimeUnit.MILLISECONDS),
                        responses,
                        new HttpRequestEncoder(),
                        new OriginConnection(OriginClient.this, origin, keepMillis, responses));
              }
            })
        .connect(origin.host(), origin.port());
  }

  /** TLS to {@code origin}, its handshake bounded by the connect timeout: connected means both. */
  private SslHandler tls(Channel ch, OriginAddress origin) {
    SslHandler handler = tls.newHandler(ch.alloc(), origin.host(), origin.port());
    handler.setHandshakeTimeoutMillis(config.connectTimeout().toMillis());
    return handler;
  }
}
