package org.telcocdn.cache.http;

import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpResponseDecoder;

/**
 * Netty's response decoder, told by the connection whether the request in flight is a {@code HEAD}
 * (whose response has no body whatever its Content-Length says), and able to say whether bytes are
 * left over after a response ended: an origin that sent more than its Content-Length announced.
 * Such a connection is not reused: the surplus would be read as the start of the next response.
 */
final class OriginResponseDecoder extends HttpResponseDecoder {
  private boolean head;

  OriginResponseDecoder(HttpDecoderConfig config) {
    super(config);
  }

  void head(boolean isHead) {
    head = isHead;
  }

  @Override
  protected boolean isContentAlwaysEmpty(HttpMessage msg) {
    return head || super.isContentAlwaysEmpty(msg);
  }

  /** Bytes received and not yet part of any response. */
  int leftover() {
    return actualReadableBytes();
  }
}
