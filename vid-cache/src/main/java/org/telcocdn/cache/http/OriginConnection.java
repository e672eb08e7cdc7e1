package org.telcocdn.cache.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import org.telcocdn.cache.http.DeliveryService.OriginAddress;
import org.telcocdn.cache.metrics.OriginFailure;

/**
 * One connection to an origin, carrying one {@link OriginCall} at a time (no pipelining). Between
 * calls it waits in its loop's pool; anything the origin sends then is unasked for, and closes it.
 * Everything here runs on the connection's event loop.
 */
final class OriginConnection extends ChannelInboundHandlerAdapter {
  private final OriginClient client;
  private final OriginAddress origin;
  private final OriginResponseDecoder decoder;
  private Channel channel;
  private OriginCall call;
  private long keepAliveNanos;
  private long idleSince;
  private boolean keepAlive;
  private boolean informational;
  private boolean served;

  /** Something of a response to the current call arrived. */
  private boolean answered;

  /**
   * When the connection last began to wait for a byte: its call began, or its reading resumed. The
   * read timeout counts from here, not from the last byte read: see {@link #silentTooLong}.
   */
  private long awaitingSince;

  OriginConnection(
      OriginClient client,
      OriginAddress origin,
      long keepAliveMillis,
      OriginResponseDecoder decoder) {
    this.decoder = decoder;
    this.client = client;
    this.origin = origin;
    this.keepAliveNanos = keepAliveMillis * 1_000_000;
  }

  OriginAddress origin() {
    return origin;
  }

  Channel channel() {
    return channel;
  }

  /**
   * Has carried a response before: a failure before the next head may be the origin's idle close.
   */
  boolean reused() {
    return served;
  }

  /** The origin sent something for the current call (so it has seen the request). */
  boolean answered() {
    return answered;
  }

  /** Open, within its keep-alive time, and holding no byte that no request asked for. */
  boolean usable(long nowNanos) {
    return channel != null
        && channel.isActive()
        && nowNanos - idleSince < keepAliveNanos
        && decoder.leftover() == 0;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    channel = ctx.channel();
  }

  void begin(OriginCall next, boolean head) {
    decoder.head(head);
    call = next;
    answered = false;
    keepAlive = true;
    informational = false;
    awaitingSince = now();
    channel.config().setAutoRead(true);
  }

  void pause() {
    channel.config().setAutoRead(false);
  }

  void resume() {
    if (channel.config().isAutoRead()) return;
    awaitingSince = now();
    channel.config().setAutoRead(true);
  }

  boolean paused() {
    return !channel.config().isAutoRead();
  }

  /** Gives up on the call in progress: the connection cannot be reused mid-response. */
  void abort() {
    call = null;
    channel.close();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    OriginCall current = call;
    if (current == null) { // unasked-for bytes: e.g. past an earlier response's Content-Length
      ReferenceCountUtil.release(msg);
      ctx.close();
      return;
    }
    answered = true;
    if (msg instanceof HttpObject o && o.decoderResult().isFailure()) {
      ReferenceCountUtil.release(msg);
      fail(current, protocolError(o.decoderResult().cause()));
      return;
    }
    if (msg instanceof HttpResponse head) onHead(current, head);
    if (msg instanceof HttpContent content) onContent(current, content);
  }

  private void onHead(OriginCall current, HttpResponse head) {
    int status = head.status().code();
    informational = status >= 100 && status < 200 && status != 101;
    if (informational) return; // 100 Continue, 103 Early Hints: the final response follows
    keepAlive = HttpUtil.isKeepAlive(head);
    keepAliveNanos =
        Math.min(
            keepAliveNanos,
            KeepAliveTimeout.nanos(head.headers().get("Keep-Alive"), keepAliveNanos));
    current.head(head);
  }

  private void onContent(OriginCall current, HttpContent content) {
    boolean last = content instanceof LastHttpContent;
    if (informational) {
      content.release();
      if (last) informational = false;
      return;
    }
    if (content.content().isReadable()) current.content(content.content());
    else content.release();
    if (last && call == current) finished(current);
  }

  /** Back to the pool first, so a request the listener sends next (the next slice) can reuse it. */
  private void finished(OriginCall current) {
    call = null;
    served = true;
    idleSince = System.nanoTime();
    EventLoop loop = channel.eventLoop();
    if (keepAlive && channel.isActive() && decoder.leftover() == 0) {
      channel.config().setAutoRead(true); // notice the origin closing it while idle
      client.release(loop, this);
    } else {
      channel.close();
    }
    current.end();
  }

  private void fail(OriginCall current, OriginException error) {
    call = null;
    channel.close();
    current.failed(error, this);
  }

  private static OriginException protocolError(Throwable cause) {
    String what =
        cause instanceof TooLongFrameException
            ? "its response head is too large: "
            : "it sent a malformed response: ";
    return new OriginException(
        OriginFailure.PROTOCOL, "origin refused: " + what + cause.getMessage(), false, cause);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    client.forget(ctx.channel().eventLoop(), this);
    OriginCall current = call;
    if (current != null) {
      call = null;
      current.failed(current.closedError(), this);
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (!(event instanceof IdleStateEvent idle)) {
      ctx.fireUserEventTriggered(event);
      return;
    }
    OriginCall current = call;
    if (current == null && idle.state() == IdleState.ALL_IDLE) {
      ctx.close();
    } else if (current != null
        && idle.state() == IdleState.READER_IDLE
        && !paused()
        && silentTooLong()
        && (current.headReceived() || !current.timesHead())) {
      fail(
          current,
          new OriginException(
              OriginFailure.TIMEOUT,
              "origin "
                  + origin
                  + " sent nothing for "
                  + client.config().readTimeout().toMillis()
                  + " ms",
              current.headReceived(),
              null));
    }
  }

  /**
   * The idle handler measures silence from the last byte read, which may be long before this call
   * began: a pooled connection read its last response's end, then waited. Its reader-idle check
   * runs every read-timeout from that read, so a request sent on a connection idle for 9.99 s was
   * failed 30 ms later as "sent nothing for 10000 ms" (a 504 to the viewer: bench/edge-vs-peers'
   * cold phase, where a target waits while the others run). The same holds for a call whose reading
   * was paused by its fill. A silent origin is then caught by the next check, at most one more
   * read-timeout later.
   */
  private boolean silentTooLong() {
    return now() - awaitingSince >= client.config().readTimeout().toNanos();
  }

  private long now() {
    return channel.eventLoop().ticker().nanoTime();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    OriginCall current = call;
    if (current != null) {
      fail(
          current,
          new OriginException(
              OriginFailure.RESET,
              "origin " + origin + " connection failed: " + cause,
              current.headReceived(),
              cause));
    } else {
      ctx.close();
    }
  }
}
