package org.telcocdn.cache.serving;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AsciiString;
import java.net.SocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;
import org.telcocdn.cache.metrics.CacheOutcome;
import org.telcocdn.cache.metrics.EdgeMetrics;
import org.telcocdn.cache.replication.PeerHeaders;
import org.telcocdn.cache.storage.ObjectMeta;
import org.telcocdn.common.http.Cors;
import org.telcocdn.common.http.ErrorBody;
import org.telcocdn.common.http.Response;
import org.telcocdn.common.json.Json;

/**
 * One request and its response on a connection. Every response leaves through here, so every one
 * carries {@code X-Served-By}, {@code X-Cache} and CORS headers, and every one ends by handing the
 * connection to the next pipelined request (keep-alive) or closing it. Writes may come from any
 * thread; Netty queues them on the channel's event loop in order.
 */
final class Exchange {
  private static final AsciiString IMMUTABLE =
      AsciiString.cached("public, max-age=31536000, immutable");
  private static final AsciiString PLAYLIST = AsciiString.cached("public, max-age=2");
  private static final AsciiString X_CACHE = AsciiString.cached("X-Cache");
  private static final AsciiString X_SERVED_BY = AsciiString.cached("X-Served-By");
  private static final AsciiString AVAILABLE_AT = AsciiString.cached("X-Live-Available-At");

  /**
   * One TLS record. Netty's TLS handler encrypts everything written before a flush before the first
   * byte of it leaves: a 200 kB memory hit on a regional cache's tier route, in one flush, took 8.6
   * to 10.8 ms to its first byte in JVMs with C1 only (as {@code cdn up --topology} runs services),
   * against 0.2 ms from its plaintext viewer listener, all of it AES-GCM without C2's intrinsics
   * (bench/tier-fill-loopback, {@code JAVA_FLAGS=-XX:TieredStopAtLevel=1}).
   */
  static final int FIRST_FLUSH_BYTES = 16 * 1024;

  private final ChannelHandlerContext ctx;
  private final HttpRequest request;
  private final AsciiString servedBy;
  private final EdgeMetrics metrics;
  private final Runnable next;
  private final boolean keepAlive;
  private final boolean duress;
  private final boolean cors;
  private final boolean tls;
  private final AtomicBoolean finished = new AtomicBoolean();

  /** A child edge's fill ({@code /internal/tier/videos/...}): the copy's version is sent. */
  private boolean tierFill;

  /**
   * {@code draining}: the edge is shutting down, so the connection closes after this response.
   * {@code duress}: the edge is overloaded or draining, said in {@code CMSD-Dynamic}. {@code cors}:
   * on the viewer listener only; control responses carry no CORS headers.
   */
  Exchange(
      ChannelHandlerContext ctx,
      HttpRequest request,
      AsciiString servedBy,
      EdgeMetrics metrics,
      boolean draining,
      boolean duress,
      boolean cors,
      boolean tls,
      Runnable next) {
    this.duress = duress;
    this.tls = tls;
    this.cors = cors;
    this.ctx = ctx;
    this.request = request;
    this.servedBy = servedBy;
    this.metrics = metrics;
    this.next = next;
    this.keepAlive = HttpUtil.isKeepAlive(request) && !draining;
    metrics.inFlight().started();
  }

  HttpRequest request() {
    return request;
  }

  /** Marks this exchange as a child edge's tier fill, whose object heads carry the version. */
  void tierFill() {
    tierFill = true;
  }

  /**
   * Runs {@code task} on this connection's event loop: how work that waited elsewhere comes back to
   * answer.
   */
  void onEventLoop(Runnable task) {
    ctx.executor().execute(task);
  }

  SocketAddress remote() {
    return ctx.channel().remoteAddress();
  }

  /** Whether the connection is TLS (the control listener, or viewers' HTTPS). */
  boolean tls() {
    return tls;
  }

  /** The connection's TLS session (the control listener), null on plain HTTP. */
  javax.net.ssl.SSLSession tlsSession() {
    SslHandler ssl = ctx.pipeline().get(SslHandler.class);
    return ssl == null ? null : ssl.engine().getSession();
  }

  void json(int status, Object body, CacheOutcome outcome) {
    full(status, "application/json", Json.bytes(body), outcome);
  }

  void error(int status, String error, String message, CacheOutcome outcome) {
    json(status, new ErrorBody(error, message), outcome);
  }

  /**
   * A 503 with {@code Retry-After} (RFC 9110 section 10.2.3): a player retries, or fails over to an
   * alternate.
   */
  void busy(String message) {
    retryLater("busy", message, 1, CacheOutcome.BUSY);
  }

  /**
   * A live answer (docs/live.md): the whole body with its own {@code Cache-Control}; a HEAD gets
   * the head only.
   */
  void live(
      int status, String contentType, byte[] body, String cacheControl, CacheOutcome outcome) {
    live(status, contentType, body, cacheControl, outcome, 0);
  }

  /**
   * A live answer with the time its part became available at the origin ({@code
   * X-Live-Available-At}, epoch milliseconds; 0: none), what bench/live-load measures delivery
   * against.
   */
  void live(
      int status,
      String contentType,
      byte[] body,
      String cacheControl,
      CacheOutcome outcome,
      long availableAtMillis) {
    boolean head = request.method().equals(HttpMethod.HEAD);
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            HttpResponseStatus.valueOf(status),
            head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
    common(response.headers(), outcome);
    response
        .headers()
        .set(HttpHeaderNames.CONTENT_TYPE, contentType)
        .set(HttpHeaderNames.CACHE_CONTROL, cacheControl)
        .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    if (availableAtMillis > 0)
      response.headers().set(AVAILABLE_AT, Long.toString(availableAtMillis));
    if (!head) metrics.egress(body.length);
    finish(ctx.writeAndFlush(response));
  }

  /**
   * A 503 with {@code Retry-After}: a live part or playlist not there within its hold (RFC 8216bis
   * section 6.2.5.2), or too many waiting.
   */
  void unavailable(String message, int retryAfterSeconds, CacheOutcome outcome) {
    retryLater("unavailable", message, retryAfterSeconds, outcome);
  }

  private void retryLater(String error, String message, int seconds, CacheOutcome outcome) {
    byte[] body = Json.bytes(new ErrorBody(error, message));
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            HttpResponseStatus.SERVICE_UNAVAILABLE,
            Unpooled.wrappedBuffer(body));
    common(response.headers(), outcome);
    response
        .headers()
        .set(HttpHeaderNames.CONTENT_TYPE, "application/json")
        .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
        .set(HttpHeaderNames.RETRY_AFTER, Integer.toString(seconds));
    finish(ctx.writeAndFlush(response));
  }

  void full(int status, String contentType, byte[] body, CacheOutcome outcome) {
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status), Unpooled.wrappedBuffer(body));
    common(response.headers(), outcome);
    if (contentType != null) response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    finish(ctx.writeAndFlush(response));
  }

  /** A control route's answer (health, metrics, the internal API); a HEAD gets the head only. */
  void respond(Response answer) {
    byte[] body = answer.body();
    boolean head = request.method().equals(HttpMethod.HEAD);
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            HttpResponseStatus.valueOf(answer.status()),
            head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
    common(response.headers(), CacheOutcome.CONTROL);
    answer.headers().forEach(response.headers()::set);
    if (answer.status() == 401)
      response
          .headers()
          .set(HttpHeaderNames.WWW_AUTHENTICATE, org.telcocdn.common.http.Access.BEARER_CHALLENGE);
    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    finish(ctx.writeAndFlush(response));
  }

  /** An object's response without a body to stream: 304, 416, or any HEAD. */
  void objectWithoutBody(ResponsePlan plan, ObjectMeta meta, CacheOutcome outcome) {
    objectWithoutBody(plan, meta, outcome, outcome.headerValue());
  }

  /** As {@link #objectWithoutBody(ResponsePlan, ObjectMeta, CacheOutcome)}, {@code xCache} sent. */
  void objectWithoutBody(
      ResponsePlan plan, ObjectMeta meta, CacheOutcome outcome, CharSequence xCache) {
    if (plan.status() == 416) {
      byte[] body =
          Json.bytes(
              new ErrorBody("range_not_satisfiable", "the object has " + meta.size() + " bytes"));
      FullHttpResponse response =
          new DefaultFullHttpResponse(
              HttpVersion.HTTP_1_1,
              HttpResponseStatus.REQUESTED_RANGE_NOT_SATISFIABLE,
              Unpooled.wrappedBuffer(body));
      objectHeaders(response.headers(), plan, meta, outcome, xCache);
      response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
      response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
      finish(ctx.writeAndFlush(response));
      return;
    }
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(plan.status()));
    objectHeaders(response.headers(), plan, meta, outcome, xCache);
    if (plan.status() == 304) response.headers().remove(HttpHeaderNames.CONTENT_LENGTH);
    finish(ctx.writeAndFlush(response));
  }

  /** The head of a response whose body follows through {@link #body} and {@link #end}. */
  void head(ResponsePlan plan, ObjectMeta meta, CacheOutcome outcome) {
    head(plan, meta, outcome, outcome.headerValue());
  }

  /** As {@link #head(ResponsePlan, ObjectMeta, CacheOutcome)}, {@code xCache} sent. */
  void head(ResponsePlan plan, ObjectMeta meta, CacheOutcome outcome, CharSequence xCache) {
    HttpResponse response =
        new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(plan.status()));
    objectHeaders(response.headers(), plan, meta, outcome, xCache);
    ctx.write(
        response, ctx.voidPromise()); // nobody waits on the head alone: no promise to allocate
  }

  /**
   * The head of a response relayed from an HTTP origin or its stored copy: {@code xCache} as
   * composed for it (tiers included), and no CORS fields: the origin's own say whether its content
   * may be read cross-origin.
   */
  void relayHead(HttpResponse response, String xCache) {
    relayed(response.headers(), xCache);
    ctx.write(response, ctx.voidPromise());
  }

  /** A relayed response without a body to stream (304, HEAD, 204, 416), ending the exchange. */
  void relayWhole(FullHttpResponse response, String xCache) {
    relayed(response.headers(), xCache);
    metrics.egress(response.content().readableBytes());
    finish(ctx.writeAndFlush(response));
  }

  /**
   * A body part written and flushed at once; the future completes when the socket took it (flow
   * control).
   */
  ChannelFuture bodyFlushed(Object part, long bytes) {
    metrics.egress(bytes);
    Object message = part instanceof ByteBuf b ? new DefaultHttpContent(b) : part;
    return ctx.writeAndFlush(message);
  }

  private void relayed(HttpHeaders h, CharSequence xCache) {
    h.set(X_CACHE, xCache);
    h.set(X_SERVED_BY, servedBy);
    // CTA-5006 CMSD: a Structured Field list with one entry per server; a bare key is true.
    if (duress) h.set("CMSD-Dynamic", "\"" + servedBy + "\";du");
    if (!keepAlive) h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    else if (request.protocolVersion().equals(HttpVersion.HTTP_1_0))
      h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
  }

  /** The event loop of this exchange's connection: where its origin requests are sent from. */
  EventLoop loop() {
    return ctx.channel().eventLoop();
  }

  void body(ByteBuf bytes) {
    metrics.egress(bytes.readableBytes());
    ctx.writeAndFlush(new DefaultHttpContent(bytes), ctx.voidPromise());
  }

  /** A body part that is not a ByteBuf, e.g. a FileRegion for sendfile. */
  void bodyRegion(Object region, long bytes) {
    metrics.egress(bytes);
    ctx.write(region, ctx.voidPromise());
  }

  void end() {
    finish(ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT));
  }

  /**
   * The whole remaining body and the end in one message and one flush: a memory hit then costs one
   * write syscall for head and body instead of one per part. On TLS the head and the first {@link
   * #FIRST_FLUSH_BYTES} go first, in a flush of their own.
   */
  void last(ByteBuf bytes) {
    metrics.egress(bytes.readableBytes());
    if (bytes.readableBytes() > FIRST_FLUSH_BYTES && tls()) {
      flushHead();
      ctx.writeAndFlush(
          new DefaultHttpContent(bytes.readRetainedSlice(FIRST_FLUSH_BYTES)), ctx.voidPromise());
    }
    finish(ctx.writeAndFlush(new DefaultLastHttpContent(bytes)));
  }

  /**
   * Sends the head written so far on its own, ahead of the body. On TLS it is then a record of its
   * own: written with the body it shares the first 16 KiB record, which the reader can decrypt only
   * once all of it arrived (1.3 ms on the telco example's 100 Mbit/s regional links, before any
   * decryption). A child edge learns status and size from the parent's head and can answer its
   * viewer; a streamed response's head goes before its first chunk has come from the origin.
   */
  void flushHead() {
    ctx.flush();
  }

  /**
   * Gives up on a response already under way: the client sees a truncated body, never a wrong one.
   */
  void abort() {
    if (finished.compareAndSet(false, true)) {
      metrics.inFlight().ended();
      ctx.channel().close();
    }
  }

  boolean isFinished() {
    return finished.get();
  }

  private void finish(ChannelFuture written) {
    if (!finished.compareAndSet(false, true)) return;
    written.addListener(f -> metrics.inFlight().ended());
    if (keepAlive) {
      written.addListener(
          (ChannelFutureListener)
              f -> {
                if (f.isSuccess()) next.run();
                else f.channel().close();
              });
    } else {
      written.addListener(ChannelFutureListener.CLOSE);
    }
  }

  private void objectHeaders(
      HttpHeaders h,
      ResponsePlan plan,
      ObjectMeta meta,
      CacheOutcome outcome,
      CharSequence xCache) {
    relayed(h, xCache);
    if (cors) Cors.apply(request, h);
    h.set(HttpHeaderNames.CONTENT_TYPE, meta.contentType());
    h.set(HttpHeaderNames.ACCEPT_RANGES, HttpHeaderValues.BYTES);
    if (meta.etag() != null) h.set(HttpHeaderNames.ETAG, meta.etag());
    if (meta.lastModifiedMillis() > 0) {
      h.set(HttpHeaderNames.LAST_MODIFIED, HttpDates.format(meta.lastModifiedMillis()));
    }
    h.set(
        HttpHeaderNames.CACHE_CONTROL,
        meta.path().endsWith(".m3u8") || meta.path().endsWith(".mpd") ? PLAYLIST : IMMUTABLE);
    String contentRange = plan.contentRange(meta.size());
    if (contentRange != null) h.set(HttpHeaderNames.CONTENT_RANGE, contentRange);
    h.set(HttpHeaderNames.CONTENT_LENGTH, plan.hasObjectBody() ? plan.length() : 0);
    // What a peer's or a child edge's fill needs to store the copy as this cache has it.
    if (outcome == CacheOutcome.TO_PEER || tierFill) {
      h.set(PeerHeaders.VERSION, meta.version());
      h.set(PeerHeaders.MODIFIED_MILLIS, meta.lastModifiedMillis());
    }
  }

  private void common(HttpHeaders h, CacheOutcome outcome) {
    relayed(h, outcome.headerValue());
    if (cors) Cors.apply(request, h);
  }
}
