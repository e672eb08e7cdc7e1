package org.telcocdn.cache;

/**
 * Where a {@link Fill} gets its bytes: the origin over gRPC, or a site peer's only-if-cached copy
 * (docs/replication.md). A source calls the fill as the origin client would: {@code onStart}, {@code
 * onInfo}, {@code onData}..., then one of {@code onComplete} or {@code onError}.
 */
interface FillSource {
  /** What filled an object, for {@code edge_fills_total{source}} and {@code X-Cache}. */
  enum Kind { ORIGIN, PEER }

  void start(CacheKey key, Fill fill);
}
