package org.telcocdn.broker;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.telcocdn.index.Holding;
import org.telcocdn.index.IndexException;

/**
 * A {@link TitleIndex} that behaves like a one-member index held in memory: versions, holders and
 * an applied index that grows with every write. The bounded-staleness member and the leader can
 * each be made to fail, and the invalidation commit can be made to fail or never complete.
 */
final class FakeTitleIndex implements TitleIndex {
  private final Map<String, Holding> titles = new ConcurrentHashMap<>();
  private final AtomicLong applied = new AtomicLong();
  private final AtomicLong committed = new AtomicLong();
  final AtomicInteger memberReads = new AtomicInteger();
  final AtomicInteger leaderReads = new AtomicInteger();
  volatile boolean memberDown;
  volatile boolean leaderDown;
  volatile boolean writesHang;

  /**
   * While set, member reads block until it is counted down: a dead member the Raft client keeps
   * retrying.
   */
  volatile java.util.concurrent.CountDownLatch memberSilentUntil;

  /** As an edge's holdings report would leave it: {@code edges} hold the current version. */
  void hold(String videoId, String... edges) {
    Holding old = holding(videoId);
    titles.put(
        videoId,
        new Holding(
            videoId, old.version(), List.of(edges), old.assigned(), applied.incrementAndGet()));
  }

  /** As the controller's allocation would leave it: {@code edges} are assigned the title. */
  void assign(String videoId, String... edges) {
    Holding old = holding(videoId);
    titles.put(
        videoId,
        new Holding(
            videoId, old.version(), old.holders(), List.of(edges), applied.incrementAndGet()));
  }

  @Override
  public Holding holdersFrom(String videoId, String member, long minIndex) {
    memberReads.incrementAndGet();
    java.util.concurrent.CountDownLatch silent = memberSilentUntil;
    if (silent != null) {
      try {
        silent.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      throw new IndexException("stale read from " + member + " failed: retries exhausted", null);
    }
    if (memberDown)
      throw new IndexException("stale read from " + member + " failed: member down", null);
    if (applied.get() < minIndex) throw new IndexException(member + " is behind " + minIndex, null);
    return holding(videoId);
  }

  @Override
  public Holding holders(String videoId) {
    leaderReads.incrementAndGet();
    if (leaderDown) throw new IndexException("index read failed: no leader", null);
    return holding(videoId);
  }

  @Override
  public CompletableFuture<Long> invalidate(String videoId) {
    if (writesHang) return new CompletableFuture<>();
    if (leaderDown)
      return CompletableFuture.failedFuture(
          new IndexException("index write failed: no leader", null));
    long version = holding(videoId).version() + 1;
    long index = applied.incrementAndGet();
    titles.put(videoId, new Holding(videoId, version, List.of(), List.of(), index));
    committed.set(index);
    return CompletableFuture.completedFuture(version);
  }

  @Override
  public long lastCommittedIndex() {
    return committed.get();
  }

  @Override
  public void close() {}

  private Holding holding(String videoId) {
    Holding h = titles.get(videoId);
    return h != null
        ? new Holding(videoId, h.version(), h.holders(), h.assigned(), applied.get())
        : new Holding(videoId, 0, List.of(), List.of(), applied.get());
  }
}
