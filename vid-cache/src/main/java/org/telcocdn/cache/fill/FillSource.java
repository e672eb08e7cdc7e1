package org.telcocdn.cache.fill;

import org.telcocdn.cache.storage.CacheKey;

/**
 * Where a {@link Fill} gets its bytes: the origin over gRPC, or a site peer's only-if-cached copy
 * (docs/replication.md). A source calls the fill as the origin client would: {@code onStart},
 * {@code onInfo}, {@code onData}..., then one of {@code onComplete} or {@code onError}.
 */
public interface FillSource {
  void start(CacheKey key, Fill fill);
}
