package org.telcocdn.cache.http;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpResponse;

/**
 * Hears one origin response, on the event loop the request was sent from: {@code onHead} once,
 * {@code onContent} per body chunk, then {@code onEnd}; or {@code onError} at any point (before the
 * head, or mid-body), after which nothing more is called.
 */
public interface OriginListener {
  void onHead(HttpResponse head);

  /** A body chunk the listener now owns (it releases it). */
  void onContent(ByteBuf content);

  void onEnd();

  void onError(OriginException error);
}
