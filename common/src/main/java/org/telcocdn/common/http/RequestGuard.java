package org.telcocdn.common.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.telcocdn.common.json.Json;

/**
 * One connection's {@link ConnectionLimits}, on the decoded side of the HTTP codec (with a {@link
 * #tap()} on the raw side that sees bytes arrive).
 *
 * <p>Order: HTTP/1.1 answers pipelined requests in the order they came, so the handlers after this
 * one see one request at a time: the next request's messages wait here until the response before it
 * has been written whole. While a waiting request has body bytes, the socket is not read (the body
 * stays in the kernel, not in memory). At most {@code maxPipelined} requests wait; the one after
 * them is answered 503 with {@code Retry-After} once those are answered, the connection is closed,
 * and nothing more is read from it.
 *
 * <p>Deadlines, looked at every quarter of the shortest timeout (so one is overrun by at most
 * that): a request head must be whole within the header timeout of the connection's accept or of
 * its first byte; a kept-alive connection with nothing asked, or a body with no byte, is dropped
 * after the idle timeout; a response the client has read nothing of for the write timeout is
 * dropped with a reset, which frees what was queued for it at once. Only the event loop touches
 * this object.
 */
final class RequestGuard extends ChannelDuplexHandler {
  private static final byte[] TOO_MANY =
      Json.bytes(
          new ErrorBody(
              "too_many_pipelined",
              "too many pipelined requests on one connection; send the rest on a new connection"));

  /** A message of a request that waits for the responses before it. */
  private record Waiting(long request, Object message) {}

  private final ConnectionLimits limits;
  private final ListenerLimits listener;
  private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
  private final long headerNanos;
  private final long idleNanos;
  private final long writeNanos;
  private long received; // request heads passed on or waiting
  private long answered; // final responses written
  private boolean overflowed;
  private boolean paused;
  private boolean expectingHead = true;
  private long headStarted; // when the head being read began; 0 = none begun
  private long lastRead;
  private long idleSince;
  private Object lastCurrent;
  private long lastProgress;
  private long lastPending;
  private long stalledSince;
  private ScheduledFuture<?> ticker;

  RequestGuard(ConnectionLimits limits, ListenerLimits listener) {
    this.limits = limits;
    this.listener = listener;
    this.headerNanos = limits.headerTimeout().toNanos();
    this.idleNanos = limits.idleTimeout().toNanos();
    this.writeNanos = limits.writeTimeout().toNanos();
  }

  /**
   * The handler that goes before the codec: it sees the raw bytes, so a head in progress is timed.
   */
  ChannelHandler tap() {
    return new ChannelInboundHandlerAdapter() {
      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf bytes && bytes.isReadable()) bytesArrived();
        ctx.fireChannelRead(msg);
      }
    };
  }

  private void bytesArrived() {
    lastRead = System.nanoTime();
    if (expectingHead && headStarted == 0) headStarted = lastRead;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    long now = System.nanoTime();
    headStarted = now; // the first head is timed from the accept, as nginx does
    lastRead = now;
    idleSince = now;
    long period = limits.checkPeriod().toNanos();
    ticker =
        ctx.executor().scheduleAtFixedRate(() -> check(ctx), period, period, TimeUnit.NANOSECONDS);
    ctx.fireChannelActive();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (ticker != null) ticker.cancel(false);
    while (!waiting.isEmpty()) ReferenceCountUtil.release(waiting.poll().message());
    ctx.fireChannelInactive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (overflowed) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if (msg instanceof HttpRequest) {
      if (received - answered > limits.maxPipelined()) {
        overflow(ctx);
        ReferenceCountUtil.release(msg);
        return;
      }
      received++;
      expectingHead = false;
      headStarted = 0;
    }
    if (msg instanceof LastHttpContent) {
      expectingHead = true;
      headStarted = 0;
    }
    long request = received - 1;
    if (waiting.isEmpty() && request <= answered) {
      ctx.fireChannelRead(msg);
      return;
    }
    waiting.add(new Waiting(request, msg));
    if (msg instanceof HttpContent content && content.content().isReadable()) pause(ctx);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    boolean interim =
        msg instanceof HttpResponse response
            && response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
    ctx.write(msg, promise);
    if (!interim && msg instanceof LastHttpContent) responded(ctx);
  }

  private void responded(ChannelHandlerContext ctx) {
    if (answered < received) answered++;
    idleSince = System.nanoTime();
    if (!waiting.isEmpty() || (overflowed && answered == received))
      ctx.executor().execute(() -> drain(ctx));
  }

  /**
   * Hands on the messages whose turn has come; after the last accepted answer of an overflow, the
   * 503.
   */
  private void drain(ChannelHandlerContext ctx) {
    boolean passed = false;
    while (!waiting.isEmpty() && waiting.peek().request() <= answered) {
      ctx.fireChannelRead(waiting.poll().message());
      passed = true;
    }
    if (passed) ctx.fireChannelReadComplete();
    if (waiting.isEmpty() && paused && !overflowed) resume(ctx);
    if (overflowed && waiting.isEmpty() && answered == received && ctx.channel().isActive())
      refuseExcess(ctx);
  }

  private void overflow(ChannelHandlerContext ctx) {
    overflowed = true;
    listener.hit(LimitHit.MAX_PIPELINED);
    ctx.channel().config().setAutoRead(false);
  }

  private void refuseExcess(ChannelHandlerContext ctx) {
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            HttpResponseStatus.SERVICE_UNAVAILABLE,
            Unpooled.wrappedBuffer(TOO_MANY));
    response
        .headers()
        .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
        .setInt(HttpHeaderNames.CONTENT_LENGTH, TOO_MANY.length)
        .set(HttpHeaderNames.RETRY_AFTER, "1")
        .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
  }

  private void pause(ChannelHandlerContext ctx) {
    paused = true;
    ctx.channel().config().setAutoRead(false);
  }

  private void resume(ChannelHandlerContext ctx) {
    paused = false;
    ctx.channel().config().setAutoRead(true);
  }

  private void check(ChannelHandlerContext ctx) {
    long now = System.nanoTime();
    LimitHit hit = writeDeadline(ctx, now);
    if (hit == null) hit = readDeadline(now, stalledSince != 0);
    if (hit != null) drop(ctx, hit);
  }

  /**
   * Only while this side reads: a paused or overflowed connection waits for us, not for the client;
   * one with a response still to write is not idle (the write timeout watches it).
   */
  private LimitHit readDeadline(long now, boolean writing) {
    if (paused || overflowed) return null;
    if (expectingHead && headStarted != 0)
      return now - headStarted > headerNanos ? LimitHit.HEADER_TIMEOUT : null;
    if (expectingHead) {
      boolean idle =
          !writing && answered == received && now - Math.max(idleSince, lastRead) > idleNanos;
      return idle ? LimitHit.IDLE_TIMEOUT : null;
    }
    return now - lastRead > idleNanos ? LimitHit.IDLE_TIMEOUT : null; // a body that stopped coming
  }

  /**
   * Progress is the client reading: the message being written changed, moved on, or what is queued
   * shrank.
   */
  private LimitHit writeDeadline(ChannelHandlerContext ctx, long now) {
    ChannelOutboundBuffer out = ctx.channel().unsafe().outboundBuffer();
    long pending = out == null ? 0 : out.totalPendingWriteBytes();
    if (pending == 0) {
      stalledSince = 0;
      lastCurrent = null;
      return null;
    }
    Object current = out.current();
    long progress = out.currentProgress();
    if (stalledSince == 0
        || current != lastCurrent
        || progress != lastProgress
        || pending < lastPending) {
      stalledSince = now;
    }
    lastCurrent = current;
    lastProgress = progress;
    lastPending = pending;
    return now - stalledSince > writeNanos ? LimitHit.WRITE_TIMEOUT : null;
  }

  private void drop(ChannelHandlerContext ctx, LimitHit hit) {
    listener.hit(hit);
    if (ticker != null) ticker.cancel(false);
    ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
    ctx.channel().close();
  }
}
