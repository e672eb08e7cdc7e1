package org.telcocdn.cache.fill;

import org.telcocdn.cache.metrics.EdgeMetrics;
import org.telcocdn.cache.metrics.FillSourceKind;
import org.telcocdn.cache.storage.CacheKey;
import org.telcocdn.protocol.origin.client.AsyncOriginClient;

/**
 * The origin fetch, as it always was: one gRPC stream with a window of {@link Fill#WINDOW} chunks.
 */
public record OriginSource(AsyncOriginClient origin, EdgeMetrics metrics) implements FillSource {
  @Override
  public void start(CacheKey key, Fill fill) {
    metrics.originFetch();
    metrics.fill(FillSourceKind.ORIGIN);
    origin.fetch(key.videoId(), key.path(), 0, 0, Fill.WINDOW, fill);
  }
}
