package org.telcocdn.accesslog;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes access records as JSON lines into rotated files, on one background thread. The request path
 * only calls {@link #offer}: a bounded queue, no blocking, no JSON; when the queue is full the event
 * is dropped and counted ({@link #dropped()}), since a slow disk must never slow the edge.
 *
 * <p>The queue is lock-free and the writer never blocks on it: it sleeps {@value #IDLE_MILLIS} ms when
 * the queue is empty and otherwise drains in batches. A blocking queue would wake the writer for
 * almost every request, and on a busy edge those wake-ups (futex calls, context switches on the
 * event loop's core) cost more than writing the line.
 *
 * <p>Files are {@code {dir}/{edge}-{yyyyMMddTHHmmssZ}-{seq}.jsonl}; names sort in write order, and a
 * file is only ever appended to, so readers tail them by byte offset ({@link LogTail}). Each batch
 * is flushed, so a reader sees whole lines within one drain of the queue.
 */
public final class AccessLogWriter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AccessLogWriter.class);
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final int BATCH = 4096;
  private static final int IDLE_MILLIS = 20;
  private static final int WRITE_BUFFER = 256 * 1024;

  private final Path dir;
  private final String edge;
  private final String site;
  private final ClientAddress addressMode;
  private final String salt;
  private final Rotation rotation;
  private final LongSupplier clock;
  private final Consumer<List<AccessRecord>> downstream;
  private final Queue<AccessEvent> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final int capacity;
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong written = new AtomicLong();
  private final Thread thread;
  private volatile boolean closing;
  private Writer out;
  private Path current;
  private long currentBytes;
  private long currentOpened;
  private int seq;

  public AccessLogWriter(Path dir, String edge, String site, ClientAddress addressMode, String salt, Rotation rotation,
      int queueCapacity, Consumer<List<AccessRecord>> downstream, LongSupplier clock) {
    this.dir = dir;
    this.edge = edge;
    this.site = site;
    this.addressMode = addressMode;
    this.salt = salt;
    this.rotation = rotation;
    this.clock = clock;
    this.downstream = downstream;
    this.capacity = queueCapacity;
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create access log directory " + dir, e);
    }
    this.seq = LogFiles.lastSequence(dir, edge);
    this.thread = Thread.ofPlatform().name(edge + "-access-log").daemon().start(this::run);
  }

  /** Never blocks; false when the queue is full and the event was dropped. */
  public boolean offer(AccessEvent event) {
    if (queued.incrementAndGet() > capacity) {
      queued.decrementAndGet();
      dropped.incrementAndGet();
      return false;
    }
    queue.offer(event);
    return true;
  }

  public long dropped() {
    return dropped.get();
  }

  public long written() {
    return written.get();
  }

  /** The file being written, null before the first record. */
  public Path currentFile() {
    return current;
  }

  private void run() {
    List<AccessEvent> batch = new ArrayList<>(BATCH);
    StringBuilder line = new StringBuilder(512);
    while (!closing || !queue.isEmpty()) {
      try {
        for (AccessEvent e; batch.size() < BATCH && (e = queue.poll()) != null; ) batch.add(e);
        queued.addAndGet(-batch.size());
        if (batch.isEmpty()) {
          rotateIfOld();
          Thread.sleep(IDLE_MILLIS);
          continue;
        }
        writeBatch(batch, line);
      } catch (InterruptedException e) {
        closing = true;
      } catch (IOException | RuntimeException e) {
        log.warn("access log {}: {} records lost: {}", dir, batch.size(), e.toString());
      }
      batch.clear();
    }
    closeFile();
  }

  private void writeBatch(List<AccessEvent> batch, StringBuilder line) throws IOException {
    List<AccessRecord> records = new ArrayList<>(batch.size());
    for (AccessEvent event : batch) {
      AccessRecord record = AccessRecord.from(event, edge, site, addressMode, salt);
      records.add(record);
      line.setLength(0);
      RecordJson.write(record, line);
      line.append('\n');
      append(line);
    }
    out.flush();
    written.addAndGet(records.size());
    if (downstream != null) downstream.accept(records);
  }

  private void append(StringBuilder line) throws IOException {
    if (out == null || currentBytes >= rotation.maxBytes() || tooOld()) open();
    out.append(line);
    currentBytes += line.length();
  }

  private void rotateIfOld() {
    if (out != null && tooOld()) closeFile();
  }

  private boolean tooOld() {
    return clock.getAsLong() - currentOpened >= rotation.maxAge().toMillis();
  }

  private void open() throws IOException {
    closeFile();
    currentOpened = clock.getAsLong();
    current = dir.resolve(LogFiles.name(edge, STAMP.format(Instant.ofEpochMilli(currentOpened)), ++seq));
    out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(current), StandardCharsets.UTF_8), WRITE_BUFFER);
    currentBytes = 0;
  }

  private void closeFile() {
    if (out == null) return;
    try {
      out.close();
    } catch (IOException e) {
      log.warn("access log {}: cannot close: {}", current, e.toString());
    }
    out = null;
  }

  /** Writes what is queued, then closes the file. */
  @Override
  public void close() {
    closing = true;
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
