package org.telcocdn.analytics;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.accesslog.LogTail;
import org.telcocdn.accesslog.Offsets;
import org.telcocdn.accesslog.RecordJson;

/**
 * Tails the edges' log directory: every {@code pollInterval} it applies the new whole lines to the
 * state and advances the offsets; every {@code snapshotInterval} (and on close) it saves both in
 * one {@link Snapshot}. Offsets only move in the same lock as the state they describe, so a
 * snapshot never holds one without the other.
 */
final class LogIngest implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LogIngest.class);
  private static final int READ_BYTES = 8 << 20;

  private final LogTail tail;
  private final AnalyticsState state;
  private final Offsets offsets;
  private final Path stateDir;
  private final Duration pollInterval;
  private final Duration snapshotInterval;
  private final AtomicLong ingested = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private final Thread thread;
  private volatile boolean closing;

  LogIngest(
      Path logDir,
      AnalyticsState state,
      Map<String, Long> offsets,
      Path stateDir,
      Duration pollInterval,
      Duration snapshotInterval) {
    this.tail = new LogTail(logDir);
    this.state = state;
    this.offsets = new Offsets(offsets);
    this.stateDir = stateDir;
    this.pollInterval = pollInterval;
    this.snapshotInterval = snapshotInterval;
    this.thread = Thread.ofPlatform().name("analytics-log-ingest").daemon().start(this::run);
  }

  long ingested() {
    return ingested.get();
  }

  long rejected() {
    return rejected.get();
  }

  private void run() {
    long lastSnapshot = System.nanoTime();
    while (!closing) {
      try {
        int lines = pollOnce();
        if (System.nanoTime() - lastSnapshot > snapshotInterval.toNanos()) {
          snapshot();
          lastSnapshot = System.nanoTime();
        }
        if (lines == 0) Thread.sleep(pollInterval.toMillis());
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        log.warn("log ingest failed, retrying: {}", e.toString());
        sleepQuietly();
      }
    }
  }

  /** Reads and applies one batch; the number of lines. */
  int pollOnce() {
    int lines = 0;
    synchronized (state) {
      for (LogTail.Chunk chunk : tail.read(offsets, READ_BYTES)) {
        for (String line : chunk.lines()) {
          try {
            state.apply(RecordJson.read(line));
            ingested.incrementAndGet();
          } catch (RuntimeException e) {
            rejected.incrementAndGet();
          }
        }
        lines += chunk.lines().size();
        offsets.advance(chunk.fileName(), chunk.nextOffset());
      }
    }
    return lines;
  }

  void snapshot() {
    Map<String, Long> positions;
    synchronized (state) {
      positions = offsets.asMap();
      new Snapshot(positions, state).save(stateDir);
    }
  }

  private void sleepQuietly() {
    try {
      Thread.sleep(pollInterval.toMillis());
    } catch (InterruptedException e) {
      closing = true;
    }
  }

  @Override
  public void close() {
    closing = true;
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    snapshot();
  }
}
