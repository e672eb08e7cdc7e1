package org.telcocdn.cache;

import org.telcocdn.protocol.origin.client.AsyncOriginClient;

/** The origin fetch, as it always was: one gRPC stream with a window of {@link Fill#WINDOW} chunks. */
record OriginSource(AsyncOriginClient origin, EdgeMetrics metrics) implements FillSource {
  @Override
  public void start(CacheKey key, Fill fill) {
    metrics.originFetch();
    metrics.fill(Kind.ORIGIN);
    origin.fetch(key.videoId(), key.path(), 0, 0, Fill.WINDOW, fill);
  }
}
