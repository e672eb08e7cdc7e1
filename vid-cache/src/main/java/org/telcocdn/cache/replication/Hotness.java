package org.telcocdn.cache.replication;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Which titles are hot on this edge: requested at least {@code threshold} times in a window that
 * starts at the title's first request (one counter per title, dropped when the window ends), or
 * assigned to this edge by the index. Only hot titles are pushed to replicas: a title one viewer
 * watches once is not worth a second copy.
 */
final class Hotness {
  static final Duration WINDOW = Duration.ofMinutes(1);

  private final int threshold;
  private final Cache<String, AtomicInteger> requests;
  private volatile Set<String> assigned = Set.of();

  Hotness(int threshold) {
    this.threshold = threshold;
    this.requests =
        Caffeine.newBuilder()
            .expireAfterWrite(WINDOW)
            .maximumSize(100_000)
            .executor(Runnable::run)
            .build();
  }

  void requested(String videoId) {
    requests.get(videoId, id -> new AtomicInteger()).incrementAndGet();
  }

  boolean hot(String videoId) {
    AtomicInteger count = requests.getIfPresent(videoId);
    return (count != null && count.get() >= threshold) || assigned.contains(videoId);
  }

  void assigned(Set<String> videoIds) {
    this.assigned = Set.copyOf(videoIds);
  }

  /** Titles requested in the current windows: the index view is read for these too. */
  Set<String> recent() {
    return Set.copyOf(requests.asMap().keySet());
  }
}
