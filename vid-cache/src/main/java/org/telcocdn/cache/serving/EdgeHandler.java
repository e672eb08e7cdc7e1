package org.telcocdn.cache.serving;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.ArrayDeque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.common.http.ApiException;
import org.telcocdn.common.http.PathSegments;

/**
 * One connection of the data plane. Requests are answered one at a time in arrival order: a
 * pipelined request waits in {@link #pending} until the response before it is fully written, since
 * a streamed miss may take a while and HTTP/1.1 responses cannot interleave. All state is touched
 * on the channel's event loop only.
 */
public final class EdgeHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger log = LoggerFactory.getLogger(EdgeHandler.class);

  private final EdgeRoutes routes;
  private final ArrayDeque<HttpRequest> pending = new ArrayDeque<>();
  private final ArrayDeque<byte[]> pendingBodies = new ArrayDeque<>();
  private ChannelHandlerContext ctx;
  private boolean busy;

  public EdgeHandler(EdgeRoutes routes) {
    this.routes = routes;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    this.ctx = ctx;
    routes.metrics().connections().incrementAndGet();
    ctx.fireChannelActive();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    routes.metrics().connections().decrementAndGet();
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
      if (routes.proxied(exchange, body)) return;
      List<String> segments = PathSegments.split(new QueryStringDecoder(request.uri()).rawPath());
      routes.route(exchange, segments, body);
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
        () -> ctx.executor().execute(this::next));
  }
}
