package org.telcocdn.raw.ingest;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.telcocdn.common.http.ApiException;
import org.telcocdn.common.http.UploadAdmission;

/**
 * Bounds what ingests may hold at once. An ingest is admitted when its upload's head arrives
 * ({@link #admit()}, before any byte of the body is on disk) and holds its place until answered; at
 * most {@code concurrency + backlog} are admitted, so uploads on disk are bounded by that many
 * times {@code origin.max-upload-bytes}, and one more is answered 503 with {@code Retry-After}. Of
 * the admitted, at most {@code concurrency} transcode at once ({@link #start()}); the others wait
 * in arrival order.
 *
 * <p>{@code Retry-After} is an estimate of when a place frees: the recent transcode time (a moving
 * average, {@value #INITIAL_ESTIMATE_SECONDS} s before the first) over the concurrency.
 */
public final class TranscodeQueue implements UploadAdmission {
  static final long INITIAL_ESTIMATE_SECONDS = 30;
  private static final double WEIGHT_OF_LATEST = 0.3;
  private static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(10);

  private final int concurrency;
  private final int capacity;
  private final Semaphore transcodes;
  private final AtomicInteger admitted = new AtomicInteger();
  private final Runnable onRefusal;
  private final Clock clock;
  private volatile double typicalSeconds = INITIAL_ESTIMATE_SECONDS;

  /** {@code onRefusal} counts the refusals (a metric). */
  public TranscodeQueue(int concurrency, int backlog, Runnable onRefusal) {
    this(concurrency, backlog, onRefusal, Clock.systemUTC());
  }

  TranscodeQueue(int concurrency, int backlog, Runnable onRefusal, Clock clock) {
    if (concurrency < 1 || backlog < 0) {
      throw new IllegalArgumentException(
          "concurrency must be at least 1 and backlog at least 0, were "
              + concurrency
              + ", "
              + backlog);
    }
    this.concurrency = concurrency;
    this.capacity = concurrency + backlog;
    this.transcodes = new Semaphore(concurrency, true);
    this.onRefusal = onRefusal;
    this.clock = clock;
  }

  @Override
  public Pass admit() {
    if (admitted.incrementAndGet() > capacity) {
      admitted.decrementAndGet();
      onRefusal.run();
      throw ApiException.unavailable(
          "ingest_busy",
          "the origin is transcoding "
              + concurrency
              + " and holding "
              + (capacity - concurrency)
              + " more ingests, its most; retry later",
          retryAfter());
    }
    AtomicInteger once = new AtomicInteger();
    return () -> {
      if (once.getAndIncrement() == 0) admitted.decrementAndGet();
    };
  }

  /** Waits for a transcode place; the transcode runs until the returned place is closed. */
  public Running start() throws InterruptedException {
    transcodes.acquire();
    return new Running(clock.millis());
  }

  /** Ingests admitted: uploading, waiting or transcoding. */
  public int admitted() {
    return admitted.get();
  }

  /** Transcodes running. */
  public int running() {
    return concurrency - transcodes.availablePermits();
  }

  private synchronized void record(Duration took) {
    typicalSeconds =
        WEIGHT_OF_LATEST * took.toMillis() / 1e3 + (1 - WEIGHT_OF_LATEST) * typicalSeconds;
  }

  Duration retryAfter() {
    Duration estimate = Duration.ofMillis((long) (typicalSeconds * 1000 / concurrency));
    return estimate.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : estimate;
  }

  /** One transcode's place; closing it lets the next waiting ingest start. */
  public final class Running implements AutoCloseable {
    private final long started;
    private boolean closed;

    private Running(long started) {
      this.started = started;
    }

    @Override
    public void close() {
      if (closed) return;
      closed = true;
      record(Duration.ofMillis(clock.millis() - started));
      transcodes.release();
    }
  }
}
