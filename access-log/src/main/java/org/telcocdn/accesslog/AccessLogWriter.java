package org.telcocdn.accesslog;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
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
 * Writes access records as JSON lines into rotated files, on one background thread. The request
 * path only calls {@link #offer}: a bounded queue, no blocking, no JSON; when the queue is full the
 * event is dropped and counted ({@link #dropped()}), since a slow disk must never slow the edge.
 *
 * <p>The queue is lock-free and the writer never blocks on it: it sleeps {@value #IDLE_MILLIS} ms
 * when the queue is empty and otherwise drains in batches. A blocking queue would wake the writer
 * for almost every request, and on a busy edge those wake-ups (futex calls, context switches on the
 * event loop's core) cost more than writing the line.
 *
 * <p>Files are {@code {dir}/{edge}-{yyyyMMddTHHmmssZ}-{seq}.jsonl}; names sort in write order, and
 * a file is only ever appended to, so readers tail them by byte offset ({@link LogTail}). Each
 * batch is flushed, so a reader sees whole lines within one drain of the queue.
 *
 * <p>Lines are encoded straight to UTF-8 into one reused buffer ({@link LineBuffer}) and written to
 * the file in chunks of {@value #WRITE_CHUNK} bytes, and the client-address transform is remembered
 * per address ({@link AddressCache}): per record the writer allocates little more than the record
 * itself.
 */
public final class AccessLogWriter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AccessLogWriter.class);
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final int BATCH = 4096;
  private static final int IDLE_MILLIS = 20;
  private static final int WRITE_CHUNK = 256 * 1024;

  private final Path dir;
  private final String edge;
  private final String site;
  private final AddressCache addresses;
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
  private final LineBuffer pending = new LineBuffer(WRITE_CHUNK + 4096);
  private OutputStream out;
  private Path current;
  private long currentBytes;
  private long currentOpened;
  private int seq;

  public AccessLogWriter(
      Path dir,
      String edge,
      String site,
      ClientAddress addressMode,
      String salt,
      Rotation rotation,
      int queueCapacity,
      Consumer<List<AccessRecord>> downstream,
      LongSupplier clock) {
    this.dir = dir;
    this.edge = edge;
    this.site = site;
    this.addresses = new AddressCache(addressMode, salt);
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
    while (!closing || !queue.isEmpty()) {
      try {
        for (AccessEvent e; batch.size() < BATCH && (e = queue.poll()) != null; ) batch.add(e);
        queued.addAndGet(-batch.size());
        if (batch.isEmpty()) {
          rotateIfOld();
          Thread.sleep(IDLE_MILLIS);
          continue;
        }
        writeBatch(batch);
      } catch (InterruptedException e) {
        closing = true;
      } catch (IOException | RuntimeException e) {
        log.warn("access log {}: {} records lost: {}", dir, batch.size(), e.toString());
      }
      batch.clear();
    }
    closeFile();
  }

  private void writeBatch(List<AccessEvent> batch) throws IOException {
    List<AccessRecord> records = downstream == null ? null : new ArrayList<>(batch.size());
    if (out != null && tooOld())
      closeFile(); // age is checked per batch: a batch takes milliseconds
    try {
      for (AccessEvent event : batch) {
        AccessRecord record =
            AccessRecord.from(event, edge, site, addresses.apply(event.clientAddress()));
        if (records != null) records.add(record);
        if (out == null || currentBytes >= rotation.maxBytes()) open();
        int before = pending.size();
        RecordJson.write(record, pending);
        pending.append('\n');
        currentBytes += pending.size() - before;
        if (pending.size() >= WRITE_CHUNK) drain();
      }
    } finally {
      drain();
    }
    written.addAndGet(batch.size());
    if (records != null) downstream.accept(records);
  }

  /**
   * What is buffered goes to the current file; called before every rotation and at each batch's
   * end.
   */
  private void drain() throws IOException {
    if (pending.size() == 0) return;
    try {
      if (out != null) pending.writeTo(out);
    } finally {
      pending.clear();
    }
  }

  private void rotateIfOld() {
    if (out != null && tooOld()) closeFile();
  }

  private boolean tooOld() {
    return clock.getAsLong() - currentOpened >= rotation.maxAge().toMillis();
  }

  private void open() throws IOException {
    drain();
    closeFile();
    currentOpened = clock.getAsLong();
    current =
        dir.resolve(LogFiles.name(edge, STAMP.format(Instant.ofEpochMilli(currentOpened)), ++seq));
    out = Files.newOutputStream(current); // unbuffered: the lines arrive in chunks already
    currentBytes = 0;
  }

  private void closeFile() {
    if (out == null) return;
    try {
      drain();
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
