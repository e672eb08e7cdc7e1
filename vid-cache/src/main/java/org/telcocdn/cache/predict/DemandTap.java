package org.telcocdn.cache.predict;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;

/**
 * On the viewer listener's pipeline, before {@code EdgeHandler}: hands each {@code GET /videos/...}
 * request to the {@link DemandFeed} and passes it on untouched. It reads only what Netty decoded
 * already (the URI and the four CMCD headers, CTA-5004) and parses nothing; the predictor's thread
 * does the rest. One instance serves every connection.
 */
@ChannelHandler.Sharable
public final class DemandTap extends ChannelInboundHandlerAdapter {
  private final DemandFeed feed;

  public DemandTap(DemandFeed feed) {
    this.feed = feed;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof HttpRequest request
        && request.method() == HttpMethod.GET
        && request.uri().startsWith("/videos/")) {
      feed.offer(
          new ViewerRequest(System.currentTimeMillis(), request.uri(), cmcd(request.headers())));
    }
    ctx.fireChannelRead(msg);
  }

  private static String[] cmcd(HttpHeaders h) {
    String object = h.get("CMCD-Object");
    String req = h.get("CMCD-Request");
    String session = h.get("CMCD-Session");
    String status = h.get("CMCD-Status");
    if (object == null && req == null && session == null && status == null) return null;
    return new String[] {object, req, session, status};
  }
}
