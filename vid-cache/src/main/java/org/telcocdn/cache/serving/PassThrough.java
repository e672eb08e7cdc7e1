package org.telcocdn.cache.serving;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.cache.fill.Fill;
import org.telcocdn.cache.http.DeliveryService;
import org.telcocdn.cache.http.HeaderRules;
import org.telcocdn.cache.http.OriginCall;
import org.telcocdn.cache.http.OriginException;
import org.telcocdn.cache.http.OriginListener;
import org.telcocdn.cache.http.OriginRequests;
import org.telcocdn.cache.metrics.CacheOutcome;
import org.telcocdn.cache.metrics.OriginFailure;

/**
 * A request the cache does not answer: sent to the origin as it came (method, fields, body) and its
 * response relayed as it streams, nothing stored. Reading from the origin pauses while the viewer's
 * connection has not taken what was sent to it. After a non-error response to an unsafe method the
 * URL, and the URLs its {@code Location} and {@code Content-Location} name on the same service, are
 * invalidated (RFC 9111 §4.4).
 */
final class PassThrough implements OriginListener {
  private static final Logger log = LoggerFactory.getLogger(PassThrough.class);
  private static final Set<HttpMethod> SAFE =
      Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.TRACE);

  private final HttpProxy proxy;
  private final Exchange exchange;
  private final DeliveryService service;
  private final byte[] body;
  private OriginCall call;
  private boolean headSent;
  private boolean ended;

  PassThrough(HttpProxy proxy, Exchange exchange, DeliveryService service, byte[] body) {
    this.proxy = proxy;
    this.exchange = exchange;
    this.service = service;
    this.body = body;
  }

  void start() {
    var request = OriginRequests.pass(service, proxy.viewer(exchange), proxy.self(), body);
    call =
        proxy
            .context()
            .client()
            .send(exchange.loop(), service.originAddress(), request, Fill.WINDOW, this);
  }

  @Override
  public void onHead(HttpResponse origin) {
    int status = origin.status().code();
    HttpMethod method = exchange.request().method();
    if (!SAFE.contains(method) && status < 400)
      proxy.invalidate(service, exchange.request(), named(origin.headers()));
    proxy.metrics().outcome(CacheOutcome.PASS);
    log.debug("{} {} -> PASS {}", method, exchange.request().uri(), status);
    headSent = true;
    String xCache =
        TierCache.compose(
            CacheOutcome.PASS.header(),
            origin.headers().get("X-Cache"),
            origin.headers().get("X-Served-By"));
    boolean bodiless =
        method.equals(HttpMethod.HEAD) || status == 204 || status == 304 || status < 200;
    if (bodiless) {
      FullHttpResponse whole =
          new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, origin.status(), Unpooled.EMPTY_BUFFER);
      headers(origin.headers(), whole.headers());
      ended = true;
      exchange.relayWhole(whole, xCache);
      return;
    }
    HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, origin.status());
    headers(origin.headers(), head.headers());
    if (!head.headers().contains("Content-Length"))
      head.headers().set("Transfer-Encoding", "chunked");
    exchange.relayHead(head, xCache);
  }

  private void headers(HttpHeaders from, HttpHeaders to) {
    List<List<String>> lines = HeaderRules.endToEnd(from, Set.of());
    HeaderRules.copyTo(lines, List.of(), to);
    if (from.contains("Content-Length")) to.set("Content-Length", from.get("Content-Length"));
    if (from.contains("Age")) to.set("Age", from.get("Age"));
    String own = "1.1 " + proxy.self();
    to.set("Via", from.contains("Via") ? from.get("Via") + ", " + own : own);
  }

  private static List<String> named(HttpHeaders headers) {
    List<String> named = new ArrayList<>(2);
    named.addAll(headers.getAll("Location"));
    named.addAll(headers.getAll("Content-Location"));
    return named;
  }

  @Override
  public void onContent(ByteBuf content) {
    if (ended || exchange.isFinished()) {
      content.release();
      return;
    }
    exchange
        .bodyFlushed(content, content.readableBytes())
        .addListener(
            f -> {
              if (f.isSuccess()) call.request(1);
            });
  }

  @Override
  public void onEnd() {
    if (!ended && !exchange.isFinished()) exchange.end();
  }

  @Override
  public void onError(OriginException error) {
    if (exchange.isFinished()) return;
    if (headSent) {
      exchange.abort();
      return;
    }
    boolean timeout = error.reason() == OriginFailure.TIMEOUT;
    proxy.metrics().outcome(CacheOutcome.ORIGIN_ERROR);
    exchange.error(
        timeout ? 504 : 502,
        timeout ? "gateway_timeout" : "bad_gateway",
        "the origin of "
            + service.name()
            + " failed for "
            + exchange.request().method()
            + " "
            + exchange.request().uri()
            + ": "
            + error.getMessage(),
        CacheOutcome.ORIGIN_ERROR);
  }
}
