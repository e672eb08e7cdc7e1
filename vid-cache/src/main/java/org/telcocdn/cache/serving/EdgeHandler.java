package org.telcocdn.cache.serving;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.ssl.SslHandler;
import java.util.ArrayDeque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.common.http.ApiException;
import org.telcocdn.common.http.Listener;
import org.telcocdn.common.http.PathSegments;
import org.telcocdn.common.http.UriSigningPackage;

/**
 * One connection of one of the edge's listeners (viewer: the data plane; control: over TLS).
 * Requests are answered one at a time in arrival order: a pipelined request waits in {@link
 * #pending} until the response before it is fully written, since a streamed miss may take a while
 * and HTTP/1.1 responses cannot interleave. All state is touched on the channel's event loop only.
 */
public final class EdgeHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger log = LoggerFactory.getLogger(EdgeHandler.class);

  private final EdgeRoutes routes;
  private final Listener listener;
  private final ArrayDeque<HttpRequest> pending = new ArrayDeque<>();
  private final ArrayDeque<byte[]> pendingBodies = new ArrayDeque<>();
  private ChannelHandlerContext ctx;
  private boolean busy;

  /** Decided once per connection, not per response: the pipeline is walked to know it. */
  private boolean tls;

  public EdgeHandler(EdgeRoutes routes, Listener listener) {
    this.routes = routes;
    this.listener = listener;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    this.ctx = ctx;
    tls = ctx.pipeline().get(SslHandler.class) != null;
    if (listener == Listener.VIEWER)
      routes.metrics().connections().incrementAndGet(); // viewers' load, what duress is about
    ctx.fireChannelActive();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (listener == Listener.VIEWER) routes.metrics().connections().decrementAndGet();
    ctx.fireChannelInactive();
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    byte[] body = new byte[request.content().readableBytes()];
    request.content().readBytes(body);
    // a copy without the body: the aggregated buffer is released when this method returns
    HttpRequest head =
        new DefaultHttpRequest(
            request.protocolVersion(), request.method(), request.uri(), request.headers().copy());
    if (!request.decoderResult().isSuccess()) {
      HttpUtil.setKeepAlive(head, false);
      routes.badRequest(
          exchange(head), "the request cannot be parsed: " + request.decoderResult().cause());
      return;
    }
    pending.add(head);
    pendingBodies.add(body);
    if (!busy) next();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    log.debug("connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
    ctx.close();
  }

  private void next() {
    HttpRequest request = pending.poll();
    if (request == null) {
      busy = false;
      return;
    }
    busy = true;
    byte[] body = pendingBodies.poll();
    Exchange exchange = exchange(request);
    try {
      // Delivery services (HTTP origins) are viewer routes, signed or not as each one says.
      if (listener == Listener.VIEWER && routes.proxied(exchange, body)) return;
      // The viewer token (RFC 9246) leaves the URI first: neither routing nor the cache key sees
      // it.
      UriSigningPackage signed = UriSigningPackage.find(request.uri());
      List<String> segments = PathSegments.split(new QueryStringDecoder(signed.uri()).rawPath());
      routes.route(listener, exchange, segments, body, signed);
    } catch (ApiException e) {
      routes.failed(exchange, e);
    } catch (RuntimeException e) {
      log.warn("{} {} failed", request.method(), request.uri(), e);
      routes.failed(exchange, new ApiException(500, "internal", "the edge failed to answer"));
    }
  }

  private Exchange exchange(HttpRequest request) {
    return new Exchange(
        ctx,
        request,
        routes.servedBy(),
        routes.metrics(),
        routes.draining(),
        routes.duress(),
        listener == Listener.VIEWER,
        tls,
        () -> ctx.executor().execute(this::next));
  }
}
