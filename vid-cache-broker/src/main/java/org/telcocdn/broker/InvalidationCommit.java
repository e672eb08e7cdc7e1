package org.telcocdn.broker;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.common.http.ApiException;

/**
 * Commits an invalidation to the cache index before any edge hears of it: the version bump and the
 * forgotten holders are the writes that must not be lost, so the broker acknowledges only once Raft
 * has committed them. If the index cannot commit within {@code broker.index.write-timeout} the
 * answer is a 503 and metadata's retry takes over; a commit that lands after the timeout bumps the
 * version once more on the retry, which is harmless (edges drop the title either way).
 */
final class InvalidationCommit {
  private static final Logger log = LoggerFactory.getLogger(InvalidationCommit.class);

  private final TitleIndex index;
  private final HolderView view;
  private final Duration timeout;
  private final BrokerMetrics metrics;

  InvalidationCommit(TitleIndex index, HolderView view, Duration timeout, BrokerMetrics metrics) {
    this.index = index;
    this.view = view;
    this.timeout = timeout;
    this.metrics = metrics;
  }

  /**
   * The invalidation with the title's new version; throws a 503 {@link ApiException} when not
   * committed.
   */
  Invalidation commit(Invalidation invalidation) {
    String id = invalidation.videoId();
    try {
      long version = index.invalidate(id).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      view.invalidated(id, version);
      metrics.indexInvalidation("committed");
      log.atInfo()
          .addKeyValue("event", "invalidation")
          .addKeyValue("videoId", id)
          .addKeyValue("version", version)
          .addKeyValue("outcome", "committed")
          .log("invalidation of {} committed to the index at version {}", id, version);
      return invalidation.withVersion(version);
    } catch (TimeoutException e) {
      throw unavailable(id, "no commit within " + timeout.toMillis() + " ms");
    } catch (ExecutionException e) {
      throw unavailable(id, String.valueOf(e.getCause() == null ? e : e.getCause().getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable(id, "interrupted");
    } catch (RuntimeException e) {
      throw unavailable(id, e.getMessage());
    }
  }

  private ApiException unavailable(String id, String why) {
    metrics.indexInvalidation("unavailable");
    log.atWarn()
        .addKeyValue("event", "invalidation")
        .addKeyValue("videoId", id)
        .addKeyValue("outcome", "index-unavailable")
        .log("invalidation of {} not committed to the index: {}", id, why);
    return new ApiException(
        503,
        "index_unavailable",
        "the cache index could not commit the invalidation of " + id + "; retry shortly");
  }
}
