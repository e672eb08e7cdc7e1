package org.telcocdn.cache.serving;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import org.telcocdn.common.http.Response;

/**
 * Netty's aggregator with the project's error model: a request whose body is over the limit (a POST
 * passed through to an HTTP origin, say) gets 413 with the JSON {@code {"error","message"}} body
 * every other refusal has, instead of Netty's empty one. The connection is closed after it: the
 * rest of the body may still be arriving, and reading it only to throw it away is what the limit is
 * there to avoid.
 */
public final class RequestBodyLimit extends HttpObjectAggregator {
  private final int maxBytes;

  public RequestBodyLimit(int maxBytes) {
    super(maxBytes);
    this.maxBytes = maxBytes;
  }

  @Override
  protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
    byte[] body =
        Response.error(
                413,
                "payload_too_large",
                "the request body is over the limit of " + maxBytes + " bytes")
            .body();
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
            Unpooled.wrappedBuffer(body));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
  }
}
