package org.telcocdn.cache.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.telcocdn.cache.http.DeliveryService.OriginAddress;
import org.telcocdn.cache.metrics.OriginFailure;
import org.telcocdn.protocol.origin.client.AsyncOriginClient;

/**
 * One request to an origin and its response, on one event loop. It is also the handle a fill holds
 * ({@link AsyncOriginClient.Fetch}): {@link #request} gives credit for more body chunks (reading
 * pauses at none), {@link #cancel} drops the connection.
 */
public final class OriginCall implements AsyncOriginClient.Fetch {
  private final OriginClient client;
  private final EventLoop loop;
  private final OriginAddress origin;
  private final FullHttpRequest request;
  private final OriginListener listener;
  private final boolean retryable;

  /** Null: the read timeout alone applies before the head. */
  private final Duration headTimeout;

  private ScheduledFuture<?> headTimer;
  private OriginConnection connection;
  private ChannelFuture connecting;
  private int credits;
  private long received;
  private boolean headReceived;
  private boolean retried;
  private boolean done;

  OriginCall(
      OriginClient client,
      EventLoop loop,
      OriginAddress origin,
      FullHttpRequest request,
      int window,
      OriginListener listener,
      Duration headTimeout) {
    this.headTimeout = headTimeout;
    this.client = client;
    this.loop = loop;
    this.origin = origin;
    this.request = request;
    this.credits = window;
    this.listener = listener;
    this.retryable = !request.content().isReadable();
  }

  void start() {
    if (done) return;
    if (headTimeout != null && headTimer == null)
      headTimer = loop.schedule(this::headTimedOut, headTimeout.toNanos(), TimeUnit.NANOSECONDS);
    OriginConnection idle = retried ? null : client.idle(loop, origin);
    if (idle != null) {
      send(idle);
      return;
    }
    connecting = client.connect(loop, origin);
    connecting.addListener(
        f -> {
          connecting = null;
          if (done) {
            if (f.isSuccess()) ((ChannelFuture) f).channel().close();
          } else if (f.isSuccess()) {
            send(((ChannelFuture) f).channel().pipeline().get(OriginConnection.class));
          } else {
            failed(
                new OriginException(
                    OriginFailure.CONNECT,
                    "cannot connect to origin " + origin + ": " + describe(f.cause()),
                    false,
                    f.cause()),
                null);
          }
        });
  }

  private static String describe(Throwable cause) {
    return cause instanceof ConnectException ? cause.getMessage() : String.valueOf(cause);
  }

  private void send(OriginConnection c) {
    connection = c;
    c.begin(this, request.method().equals(HttpMethod.HEAD));
    c.channel()
        .writeAndFlush(request.retainedDuplicate())
        .addListener(
            f -> {
              if (!f.isSuccess() && connection == c && !done)
                c.channel().close(); // channelInactive reports it
            });
  }

  boolean headReceived() {
    return headReceived;
  }

  /** Whether silence before the head is this call's own head timeout's to judge, not the read's. */
  boolean timesHead() {
    return headTimeout != null;
  }

  private void headTimedOut() {
    if (done || headReceived) return;
    OriginConnection c = connection;
    ChannelFuture pending = connecting;
    failed(
        new OriginException(
            OriginFailure.TIMEOUT,
            "no response head within " + headTimeout.toMillis() + " ms",
            false,
            null),
        null);
    if (c != null) c.abort();
    if (pending != null) pending.cancel(false);
  }

  void head(HttpResponse head) {
    if (done) return;
    headReceived = true;
    if (headTimer != null) headTimer.cancel(false);
    listener.onHead(head);
  }

  void content(ByteBuf content) {
    if (done) {
      content.release();
      return;
    }
    received += content.readableBytes();
    credits--;
    listener.onContent(content);
    if (credits <= 0 && connection != null && !done) connection.pause();
  }

  void end() {
    if (done) return;
    finish();
    listener.onEnd();
  }

  /** The error for a connection that closed under this call. */
  OriginException closedError() {
    String when = headReceived ? "after " + received + " body bytes" : "before answering";
    return new OriginException(
        OriginFailure.RESET,
        "origin " + origin + " closed the connection " + when,
        headReceived,
        null);
  }

  /**
   * Called by the connection (or a failed connect, with no connection): retried once if it may be.
   */
  void failed(OriginException error, OriginConnection on) {
    if (done) return;
    if (!headReceived
        && retryable
        && !retried
        && on != null
        && on.reused()
        && error.reason() == OriginFailure.RESET
        && !on.answered()) {
      retried =
          true; // the origin may have closed the idle connection as we sent: once more on a new one
      connection = null;
      start();
      return;
    }
    finish();
    client.failed(error.reason());
    listener.onError(error);
  }

  private void finish() {
    done = true;
    connection = null;
    if (headTimer != null) headTimer.cancel(false);
    request.release();
  }

  @Override
  public void request(int chunks) {
    if (loop.inEventLoop()) more(chunks);
    else loop.execute(() -> more(chunks));
  }

  private void more(int chunks) {
    credits += chunks;
    if (credits > 0 && connection != null && !done) connection.resume();
  }

  @Override
  public void cancel(String reason) {
    if (loop.inEventLoop()) abort();
    else loop.execute(this::abort);
  }

  private void abort() {
    if (done) return;
    OriginConnection c = connection;
    finish();
    if (c != null) c.abort();
    if (connecting != null) connecting.cancel(false);
  }
}
