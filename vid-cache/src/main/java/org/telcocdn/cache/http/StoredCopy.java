package org.telcocdn.cache.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.telcocdn.cache.fill.Fill;
import org.telcocdn.cache.storage.DiskTier;
import org.telcocdn.cache.storage.MemoryTier;
import org.telcocdn.cache.storage.ObjectMeta;
import org.telcocdn.protocol.origin.client.AsyncOriginClient;

/**
 * A stored response held open while the origin is asked about it: its memory buffer or its open
 * disk file, so that an eviction meanwhile cannot take the bytes away. After a 304 (or when the
 * origin failed and a stale copy may be served) its body is fed into the fill that replaces it,
 * with the same flow control as an origin's: a chunk per credit, read off the event loop. Released
 * exactly once: by {@link #feed} when it has fed everything, or by {@link #close}.
 */
public final class StoredCopy implements AutoCloseable {
  private static final int CHUNK = 256 * 1024;

  private final ObjectMeta meta;
  private final MemoryTier.Entry memory;
  private final DiskTier.Entry disk;
  private final AtomicBoolean released = new AtomicBoolean();

  private StoredCopy(ObjectMeta meta, MemoryTier.Entry memory, DiskTier.Entry disk) {
    this.meta = meta;
    this.memory = memory;
    this.disk = disk;
  }

  /** The memory entry's bytes, or empty if it was evicted since it was looked up. */
  public static Optional<StoredCopy> of(MemoryTier.Entry entry) {
    Optional<ByteBuf> held = entry.body(0, entry.meta().size());
    return held.map(
        bytes -> new StoredCopy(entry.meta(), new MemoryTier.Entry(entry.meta(), bytes), null));
  }

  /** A disk entry, whose reference this copy takes over. */
  public static StoredCopy of(DiskTier.Entry entry) {
    return new StoredCopy(entry.meta(), null, entry);
  }

  public ObjectMeta meta() {
    return meta;
  }

  public MemoryTier.Entry memory() {
    return memory;
  }

  public DiskTier.Entry disk() {
    return disk;
  }

  /**
   * Feeds the body into {@code fill} (after its {@code onInfo}), then completes it; the copy is
   * released once the last chunk is handed over.
   */
  public void feed(Fill fill, Executor reader, ByteBufAllocator allocator) {
    Feeder feeder = new Feeder(fill, reader, allocator);
    fill.onStart(feeder);
    feeder.request(Fill.WINDOW);
  }

  /**
   * The body's bytes {@code [from, from + length)} as something a channel writes (a retained slice
   * of the memory buffer, or a sendfile region of the disk file), the copy's reference handed over
   * with it.
   */
  public Object body(long from, long length) {
    if (!released.compareAndSet(false, true))
      throw new IllegalStateException(meta.path() + " was released already");
    if (memory != null) {
      ByteBuf slice = memory.bytes().retainedSlice((int) from, (int) length);
      memory.bytes().release();
      return slice;
    }
    return disk.region(from, length);
  }

  @Override
  public void close() {
    if (!released.compareAndSet(false, true)) return;
    if (memory != null) memory.bytes().release();
    if (disk != null) disk.release();
  }

  /** Reads chunk after chunk while the fill gives credit; one reader at a time. */
  private final class Feeder implements AsyncOriginClient.Fetch {
    private final Fill fill;
    private final Executor reader;
    private final ByteBufAllocator allocator;
    private final AtomicInteger credits = new AtomicInteger();
    private final AtomicBoolean pumping = new AtomicBoolean();
    private volatile long position;
    private volatile boolean cancelled;
    private final AtomicBoolean ended = new AtomicBoolean();

    Feeder(Fill fill, Executor reader, ByteBufAllocator allocator) {
      this.fill = fill;
      this.reader = reader;
      this.allocator = allocator;
    }

    @Override
    public void request(int chunks) {
      credits.addAndGet(chunks);
      if (pumping.compareAndSet(false, true)) reader.execute(this::pump);
    }

    @Override
    public void cancel(String reason) {
      cancelled = true;
    }

    private void pump() {
      try {
        while (!cancelled && position < meta.size() && credits.get() > 0) {
          credits.decrementAndGet();
          ByteBuf chunk = next();
          position += chunk.readableBytes();
          fill.onData(chunk);
        }
        if (cancelled || position >= meta.size()) {
          close();
          if (!cancelled && ended.compareAndSet(false, true)) fill.onComplete();
          return;
        }
      } catch (IOException | RuntimeException e) {
        close();
        if (ended.compareAndSet(false, true)) fill.onError(e);
        return;
      } finally {
        pumping.set(false);
      }
      if (credits.get() > 0 && pumping.compareAndSet(false, true))
        reader.execute(this::pump); // credit came meanwhile
    }

    private ByteBuf next() throws IOException {
      int length = (int) Math.min(CHUNK, meta.size() - position);
      if (memory != null) return memory.bytes().retainedSlice((int) position, length);
      ByteBuf chunk = allocator.directBuffer(length, length);
      try {
        long at = disk.bodyOffset() + position;
        while (chunk.isWritable()) {
          if (chunk.writeBytes(disk.channel(), at + chunk.writerIndex(), chunk.writableBytes())
              < 0) {
            throw new IOException("stored copy of " + meta.path() + " ends early");
          }
        }
        return chunk;
      } catch (IOException | RuntimeException e) {
        chunk.release();
        throw e;
      }
    }
  }
}
