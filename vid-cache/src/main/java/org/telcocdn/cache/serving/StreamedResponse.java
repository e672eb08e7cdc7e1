package org.telcocdn.cache.serving;

import io.grpc.Status;
import io.netty.buffer.ByteBuf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.cache.fill.Fill;
import org.telcocdn.cache.fill.FillSubscriber;
import org.telcocdn.cache.fill.Upstream;
import org.telcocdn.cache.metrics.CacheOutcome;
import org.telcocdn.cache.metrics.EdgeMetrics;
import org.telcocdn.cache.metrics.FillSourceKind;
import org.telcocdn.cache.storage.CacheKey;
import org.telcocdn.cache.storage.ObjectMeta;

/**
 * A client served from a {@link Fill} as the origin's bytes arrive: the head goes out as soon as
 * the object's info is known, each chunk (cut to the requested range) as soon as it arrives. If the
 * origin fails before the head, the client gets a JSON error; after it, the connection is closed so
 * the client sees a short body rather than a wrong one.
 */
final class StreamedResponse implements FillSubscriber {
  private static final Logger log = LoggerFactory.getLogger(StreamedResponse.class);

  private final Exchange exchange;
  private final CacheKey key;
  private CacheOutcome outcome;
  private final EdgeMetrics metrics;
  private ResponsePlan plan;
  private boolean streaming;

  StreamedResponse(Exchange exchange, CacheKey key, CacheOutcome outcome, EdgeMetrics metrics) {
    this.exchange = exchange;
    this.key = key;
    this.outcome = outcome;
    this.metrics = metrics;
  }

  @Override
  public void onMeta(ObjectMeta meta, FillSourceKind source) {
    onMeta(meta, source, null);
  }

  /**
   * A fill a parent cache serves names it after this edge's outcome ({@code MISS, HIT from
   * regional-1}); a request that found the fill already complete is a hit here and names no tier.
   */
  @Override
  public void onMeta(ObjectMeta meta, FillSourceKind source, Upstream upstream) {
    if (outcome == CacheOutcome.MISS && source == FillSourceKind.PEER) outcome = CacheOutcome.PEER;
    plan = ResponsePlan.of(exchange.request(), meta);
    metrics.outcome(outcome);
    CharSequence xCache =
        upstream != null && (outcome == CacheOutcome.MISS || outcome == CacheOutcome.COALESCED)
            ? TierCache.compose(outcome.header(), upstream.cache(), upstream.servedBy())
            : joinedPeerFill(source) ? CacheOutcome.PEER.headerValue() : outcome.headerValue();
    log.debug("{} {} -> {} {}", exchange.request().method(), key, xCache, plan.status());
    if (!plan.sendBody() || plan.length() == 0) {
      exchange.objectWithoutBody(plan, meta, outcome, xCache);
      return;
    }
    exchange.head(plan, meta, outcome, xCache);
    exchange.flushHead(); // not with the first chunk: the viewer's first byte waits for no body
    streaming = true;
  }

  /**
   * A request that joined a fill from a site peer (a viewer's, or a replica pull or anti-entropy
   * repair under way) got the peer's copy: its {@code X-Cache} says PEER, as the one that started
   * the fill does, and not MISS, which says the origin was asked. It stays COALESCED in the metrics
   * (a join, no fetch of its own).
   */
  private boolean joinedPeerFill(FillSourceKind source) {
    return outcome == CacheOutcome.COALESCED && source == FillSourceKind.PEER;
  }

  @Override
  public void onChunk(ByteBuf chunk, long offset) {
    if (!streaming || exchange.isFinished()) return;
    long from = Math.max(offset, plan.offset());
    long to = Math.min(offset + chunk.readableBytes(), plan.offset() + plan.length());
    if (from >= to) return;
    // The write holds its own reference: the fill may release the chunk before the client reads it.
    exchange.body(chunk.retainedSlice((int) (from - offset), (int) (to - from)));
  }

  @Override
  public void onComplete() {
    if (streaming && !exchange.isFinished()) exchange.end();
  }

  @Override
  public void onError(Throwable error) {
    if (exchange.isFinished()) return;
    if (streaming) {
      log.debug("{}: origin failed mid-body, closing the connection: {}", key, error.toString());
      exchange.abort();
      return;
    }
    Status status = Status.fromThrowable(error);
    switch (status.getCode()) {
      case NOT_FOUND ->
          fail(404, "not_found", "no object " + key + " at the origin", CacheOutcome.NOT_FOUND);
      case INVALID_ARGUMENT ->
          fail(
              400,
              "bad_request",
              "the origin refused " + key + ": " + status.getDescription(),
              CacheOutcome.REJECTED);
      default ->
          fail(
              502,
              "bad_gateway",
              "the origin failed for " + key + ": " + status.getCode(),
              CacheOutcome.ORIGIN_ERROR);
    }
  }

  private void fail(int code, String error, String message, CacheOutcome failure) {
    metrics.outcome(failure);
    log.debug("{} -> {} ({})", key, failure, message);
    exchange.error(code, error, message, failure);
  }
}
