package org.telcocdn.cache.serving;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.FileRegion;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayDeque;
import org.telcocdn.accesslog.AccessEvent;
import org.telcocdn.accesslog.AccessLogWriter;
import org.telcocdn.cache.preposition.ViewerLatency;

/**
 * Watches requests and responses pass on the pipeline, between the aggregator and {@link
 * EdgeHandler}, and hands one {@link AccessEvent} per object response to the access log. It only
 * reads what is already there (URI, CMCD headers, status, {@code X-Cache}, body sizes), so the
 * request path itself is untouched; responses leave in request order (EdgeHandler answers one at a
 * time), so a FIFO pairs them. Health, metrics and internal requests are not logged; with HTTP
 * origins, every other request is (their objects have any path).
 */
public final class AccessLogHandler extends ChannelDuplexHandler {
  private final AccessLogWriter accessLog;
  private final boolean httpOrigins;
  private final ViewerLatency latency;
  private final ArrayDeque<Pending> pending = new ArrayDeque<>();
  private String client;

  public AccessLogHandler(AccessLogWriter accessLog) {
    this(accessLog, false, new ViewerLatency());
  }

  /**
   * {@code httpOrigins}: the edge fronts HTTP origins, whose objects are at any path but the edge's
   * own; {@code latency} hears each object response's time to first byte (preposition back-off).
   */
  public AccessLogHandler(AccessLogWriter accessLog, boolean httpOrigins, ViewerLatency latency) {
    this.latency = latency;
    this.accessLog = accessLog;
    this.httpOrigins = httpOrigins;
  }

  /** One request waiting for, or receiving, its response. */
  private static final class Pending {
    final long startNanos = System.nanoTime();
    final long timeMillis = System.currentTimeMillis();
    final HttpRequest request;
    final boolean logged;
    int status;
    String cache;
    long ttfbNanos;
    long bytes;

    Pending(HttpRequest request, boolean httpOrigins) {
      this.request = request;
      String uri = request.uri();
      this.logged =
          uri.startsWith("/videos/")
              || httpOrigins
                  && !(uri.startsWith("/health")
                      || uri.startsWith("/metrics")
                      || uri.startsWith("/internal/"));
    }
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    SocketAddress remote = ctx.channel().remoteAddress();
    client =
        remote instanceof InetSocketAddress a && a.getAddress() != null
            ? a.getAddress().getHostAddress()
            : String.valueOf(remote);
    ctx.fireChannelActive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof HttpRequest request) pending.add(new Pending(request, httpOrigins));
    ctx.fireChannelRead(msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    Pending p = pending.peek();
    if (p != null && p.logged) observe(p, msg);
    if (p != null && msg instanceof LastHttpContent) {
      pending.poll();
      if (p.logged) {
        if (promise.isVoid()) finished(p);
        else promise.addListener(f -> finished(p));
      }
    }
    ctx.write(msg, promise);
  }

  private static void observe(Pending p, Object msg) {
    if (msg instanceof HttpResponse response) {
      p.status = response.status().code();
      p.cache = response.headers().get("X-Cache");
      p.ttfbNanos = System.nanoTime() - p.startNanos;
    }
    if (msg instanceof HttpContent content) p.bytes += content.content().readableBytes();
    else if (msg instanceof FileRegion region) p.bytes += region.count();
  }

  private void finished(Pending p) {
    latency.record(p.ttfbNanos, p.startNanos + p.ttfbNanos);
    HttpHeaders h = p.request.headers();
    String[] cmcd =
        h.contains("CMCD-Request") || h.contains("CMCD-Session") || h.contains("CMCD-Object")
            ? new String[] {
              h.get("CMCD-Object"),
              h.get("CMCD-Request"),
              h.get("CMCD-Session"),
              h.get("CMCD-Status")
            }
            : null;
    accessLog.offer(
        new AccessEvent(
            p.timeMillis,
            p.request.method().name(),
            p.request.uri(),
            client,
            cmcd,
            p.status,
            p.bytes,
            p.cache,
            p.ttfbNanos,
            System.nanoTime() - p.startNanos));
  }
}
