package org.telcocdn.common.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection: collects each request's body (in memory, or into a temporary file for upload
 * routes) within its limit, hands the request to a virtual thread, and writes the answer. A request
 * over its limit is answered 413 before its body is read, or as soon as it crosses the limit; an
 * upload its route's {@link UploadAdmission} refuses is answered before its body is read too.
 */
final class HttpChannelHandler extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(HttpChannelHandler.class);
  private static final HttpResponseStatus CONTINUE = HttpResponseStatus.CONTINUE;
  private static final long LINGER_MILLIS = 2_000;

  private final HttpServerConfig config;
  private HttpRequest head;
  private List<String> segments;
  private QueryStringDecoder uri;
  private Router.Match match;
  private OutputStream sink;
  private Path bodyFile;
  private UploadAdmission.Pass pass;
  private long received;
  private long limit;
  private boolean discarding;

  HttpChannelHandler(HttpServerConfig config) {
    this.config = config;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (lingering(ctx)) return; // the connection is closing: drop whatever the peer still sends
      if (msg instanceof HttpRequest request) start(ctx, request);
      if (msg instanceof HttpContent content && !discarding && head != null) append(ctx, content);
      if (msg instanceof LastHttpContent && !discarding && head != null) finish(ctx);
      if (msg instanceof LastHttpContent) discarding = false;
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private void start(ChannelHandlerContext ctx, HttpRequest request) {
    head = request;
    received = 0;
    if (request.decoderResult().isFailure()) {
      reject(ctx, Response.error(400, "bad_request", "malformed HTTP request"), true);
      return;
    }
    try {
      uri = new QueryStringDecoder(request.uri());
      segments = PathSegments.split(uri.path());
    } catch (ApiException e) {
      reject(ctx, e.toResponse(), false);
      return;
    }
    String method = request.method().name();
    match = method.equals("OPTIONS") ? null : config.router().match(method, segments);
    boolean upload = match != null && match.found() && match.route().upload();
    limit = upload ? config.maxUploadBytes() : config.maxBodyBytes();
    long declared = HttpUtil.getContentLength(request, -1L);
    if (declared > limit) {
      reject(
          ctx,
          Response.error(
              413,
              "payload_too_large",
              "body of " + declared + " bytes is over the limit of " + limit + " bytes"),
          true);
      return;
    }
    if (upload && !admit(ctx, match.route().admission())) return;
    if (HttpUtil.is100ContinueExpected(request)) {
      ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, CONTINUE));
    }
    openSink(ctx, upload);
  }

  /**
   * Takes the upload's pass, or answers the refusal (closing: the client may be sending the body).
   */
  private boolean admit(ChannelHandlerContext ctx, UploadAdmission admission) {
    try {
      pass = admission.admit();
      return true;
    } catch (ApiException e) {
      reject(ctx, e.toResponse(), true);
      return false;
    }
  }

  private void openSink(ChannelHandlerContext ctx, boolean upload) {
    sink = null;
    bodyFile = null; // the last request's file belongs to its exchange now
    try {
      if (upload) {
        Files.createDirectories(config.uploadDir());
        bodyFile = Files.createTempFile(config.uploadDir(), "upload-", ".part");
        sink = Files.newOutputStream(bodyFile);
      } else {
        sink = new ByteArrayOutputStream();
      }
    } catch (IOException e) {
      cleanup();
      reject(ctx, Response.error(500, "internal", "cannot buffer the request body"), true);
    }
  }

  private void append(ChannelHandlerContext ctx, HttpContent content) {
    ByteBuf data = content.content();
    received += data.readableBytes();
    if (received > limit) {
      cleanup();
      reject(
          ctx,
          Response.error(413, "payload_too_large", "body is over the limit of " + limit + " bytes"),
          true);
      return;
    }
    try {
      data.readBytes(sink, data.readableBytes());
    } catch (IOException e) {
      cleanup();
      reject(ctx, Response.error(500, "internal", "cannot buffer the request body"), true);
    }
  }

  private void finish(ChannelHandlerContext ctx) {
    HttpRequest request = head;
    head = null;
    byte[] body;
    try {
      sink.close();
      body = sink instanceof ByteArrayOutputStream memory ? memory.toByteArray() : new byte[0];
    } catch (IOException e) {
      cleanup();
      reject(ctx, Response.error(500, "internal", "cannot buffer the request body"), true);
      return;
    }
    Exchange exchange = new Exchange(request, uri, segments, match, body, bodyFile, pass);
    pass = null; // the exchange releases it once answered
    if (match != null && match.found() && match.route().dispatch() == Dispatch.EVENT_LOOP) {
      dispatch(ctx, exchange);
    } else {
      config.handlers().execute(() -> dispatch(ctx, exchange));
    }
  }

  /** One request, complete, as handed from the event loop to wherever its handler runs. */
  private record Exchange(
      HttpRequest request,
      QueryStringDecoder uri,
      List<String> path,
      Router.Match match,
      byte[] body,
      Path file,
      UploadAdmission.Pass pass) {}

  private void dispatch(ChannelHandlerContext ctx, Exchange exchange) {
    long started = System.nanoTime();
    String method = exchange.request().method().name();
    Response response;
    try {
      response = respond(ctx, method, exchange);
    } finally {
      deleteQuietly(exchange.file());
      if (exchange.pass() != null) exchange.pass().release();
    }
    Router.Match match = exchange.match();
    config
        .timers()
        .record(
            method,
            match != null && match.found() ? match.route().template() : "unmatched",
            response.status(),
            System.nanoTime() - started);
    write(ctx, exchange.request(), response, HttpUtil.isKeepAlive(exchange.request()));
  }

  private Response respond(ChannelHandlerContext ctx, String method, Exchange exchange) {
    List<String> path = exchange.path();
    Router.Match match = exchange.match();
    if (method.equals("OPTIONS")) return Response.noContent();
    String joined = "/" + String.join("/", path);
    if (method.equals("GET") && joined.equals("/health"))
      return config.health().get().response(config.service());
    if (method.equals("GET") && joined.equals("/metrics") && config.registry() != null)
      return Response.prometheus(config.registry());
    if (!match.found()) {
      return match.allowed().isEmpty()
          ? Response.error(404, "not_found", "no route for " + method + " " + joined)
          : Response.error(
                  405,
                  "method_not_allowed",
                  method + " is not allowed here; allowed: " + match.allowed())
              .header("Allow", String.join(", ", match.allowed()));
    }
    Request req =
        new Request(
            method,
            joined,
            match.params(),
            exchange.uri().parameters(),
            exchange.request().headers(),
            exchange.body(),
            exchange.file(),
            (InetSocketAddress) ctx.channel().remoteAddress());
    try {
      return match.route().handler().handle(req);
    } catch (ApiException e) {
      return e.toResponse();
    } catch (Exception e) {
      log.error("{} {} failed", method, joined, e);
      return Response.error(
          500, "internal", "internal error; see the " + config.service() + " log");
    }
  }

  private void reject(ChannelHandlerContext ctx, Response response, boolean close) {
    HttpRequest request = head;
    head = null;
    discarding = true;
    write(ctx, request, response, !close && request != null && HttpUtil.isKeepAlive(request));
  }

  private void write(
      ChannelHandlerContext ctx, HttpRequest request, Response response, boolean keepAlive) {
    byte[] body = response.body();
    boolean head = request != null && request.method().name().equals("HEAD");
    FullHttpResponse out =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            HttpResponseStatus.valueOf(response.status()),
            head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
    HttpHeaders headers = out.headers();
    response.headers().forEach(headers::set);
    headers.setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    if (config.cors()) Cors.apply(request, headers);
    HttpUtil.setKeepAlive(out, keepAlive);
    var future = ctx.writeAndFlush(out);
    if (!keepAlive) future.addListener(f -> lingeringClose(ctx));
  }

  /**
   * Closes after an answer that ends the connection, the way nginx's lingering close does: closing
   * a socket whose peer is still sending a body (a 413 for an upload, say) makes the kernel send a
   * reset, which can destroy the answer before the client reads it. So only our side is shut down,
   * the rest of the body is read and dropped, and the socket is closed when the peer closes or
   * after {@link #LINGER_MILLIS}.
   */
  private void lingeringClose(ChannelHandlerContext ctx) {
    if (!(ctx.channel() instanceof DuplexChannel duplex)) {
      ctx.close();
      return;
    }
    duplex
        .shutdownOutput()
        .addListener(
            f -> ctx.executor().schedule(() -> ctx.close(), LINGER_MILLIS, TimeUnit.MILLISECONDS));
  }

  private void cleanup() {
    try {
      if (sink != null) sink.close();
    } catch (IOException ignored) {
      // the file is deleted below either way
    }
    deleteQuietly(bodyFile);
    if (pass != null) pass.release();
    pass = null;
  }

  private static void deleteQuietly(Path file) {
    if (file == null) return;
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      log.warn("cannot delete temporary upload {}", file, e);
    }
  }

  private static boolean lingering(ChannelHandlerContext ctx) {
    return ctx.channel() instanceof DuplexChannel duplex && duplex.isOutputShutdown();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (head != null) cleanup();
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    log.debug("connection error from {}", ctx.channel().remoteAddress(), cause);
    ctx.close();
  }
}
