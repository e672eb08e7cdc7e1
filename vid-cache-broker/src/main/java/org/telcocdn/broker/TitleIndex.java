package org.telcocdn.broker;

import java.util.concurrent.CompletableFuture;
import org.telcocdn.index.Holding;

/**
 * What the broker needs of the cache index, cut at the {@code IndexClient} boundary so routing
 * tests can put a fake here where a real Raft group would only make them slow. Failures are {@code
 * IndexException}s (unchecked), or a failed future for the write.
 */
interface TitleIndex extends AutoCloseable {
  /**
   * Bounded staleness: answered by {@code member} alone if it has applied at least {@code
   * minIndex}.
   */
  Holding holdersFrom(String videoId, String member, long minIndex);

  /** Linearizable, through the leader: the fallback when the member is behind or gone. */
  Holding holders(String videoId);

  /** Commits {@code Invalidate(videoId)}; completes with the title's new version once committed. */
  CompletableFuture<Long> invalidate(String videoId);

  /**
   * The highest log index a write of this broker was committed at: the floor for read-your-writes.
   */
  long lastCommittedIndex();

  @Override
  void close();
}
