package org.telcocdn.cache.prefetch;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import java.util.ArrayDeque;
import org.telcocdn.accesslog.CmcdParser;

/**
 * On a viewer connection's pipeline, before {@code EdgeHandler}: notes each request's CMCD {@code
 * nor} (the {@code CMCD-Request} header or the {@code CMCD} query parameter, CTA-5004) and, when
 * the request's response head passes, hands the hint with the response's status to {@link
 * NorPrefetch}. Responses leave in request order (EdgeHandler answers one at a time), so a FIFO
 * pairs them, as the access log's handler does. A request without {@code nor} costs a header lookup
 * and a scan of its query; only a request that names one is parsed.
 */
final class NorHandler extends ChannelDuplexHandler {
  private static final Object NONE = new Object();

  private record Hint(String uri, String nor) {}

  private final NorPrefetch prefetch;
  private final ArrayDeque<Object> pending = new ArrayDeque<>();

  NorHandler(NorPrefetch prefetch) {
    this.prefetch = prefetch;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof HttpRequest request) pending.add(hint(request));
    ctx.fireChannelRead(msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (msg instanceof HttpResponse response && pending.poll() instanceof Hint h)
      prefetch.hint(h.uri(), h.nor(), response.status().code());
    ctx.write(msg, promise);
  }

  private static Object hint(HttpRequest request) {
    String uri = request.uri();
    if (request.method() != HttpMethod.GET || !uri.startsWith("/videos/")) return NONE;
    String header = request.headers().get("CMCD-Request");
    String nor = null;
    if (header != null && header.contains("nor")) {
      nor = CmcdParser.fromHeaders(null, header, null, null).string("nor");
    } else {
      int query = uri.indexOf('?');
      if (query > 0 && uri.indexOf("nor", query) > 0)
        nor = CmcdParser.fromQuery(uri.substring(query + 1)).string("nor");
    }
    return nor == null ? NONE : new Hint(uri, nor);
  }
}
