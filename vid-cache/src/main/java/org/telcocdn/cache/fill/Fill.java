package org.telcocdn.cache.fill;

import com.google.protobuf.ByteString;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.cache.metrics.FillSourceKind;
import org.telcocdn.cache.storage.CacheKey;
import org.telcocdn.cache.storage.ObjectMeta;
import org.telcocdn.cache.storage.PartFile;
import org.telcocdn.cache.storage.Tiers;
import org.telcocdn.cache.storage.TitleVersions;
import org.telcocdn.protocol.origin.ObjectInfo;
import org.telcocdn.protocol.origin.client.AsyncOriginClient;
import org.telcocdn.protocol.origin.client.ChunkListener;

/**
 * One fetch, from the origin or a site peer ({@link FillSource}), shared by every client that misses
 * on the same object (single flight).
 *
 * <p>Concurrency model: gRPC delivers chunks on its own threads; each chunk is appended to the
 * in-memory list and forwarded to every subscriber under this object's lock, so a subscriber that
 * joins late is replayed what arrived so far and then sees the rest, in order, with nothing missed
 * or doubled. Disk writes run on the disk executor, chained so they stay in order, and each finished
 * write asks the origin for one more chunk: a slow disk slows the origin instead of queueing bytes
 * without bound. Clients never slow the fill down; the cache gets the object even if they leave.
 *
 * <p>The chunks are kept until the fill ends (a segment is a few MiB), which is what makes replay
 * and stream-through to any number of clients possible without re-reading the part file. They are
 * pooled direct buffers, or slices of the object's one buffer when the memory tier will keep it,
 * reference-counted: the fill holds one reference to each until it is done
 * (committed or failed, every disk write finished) and out of {@link Fills}, which is also when no
 * client can join any more; each client's write holds its own. Plain direct buffers, freed only when
 * the collector got round to them, made the edge's RSS grow with every gigabyte filled, and cost a
 * {@code malloc}, a zeroing and a cleaner per chunk.
 */
public final class Fill implements ChunkListener {
  private static final Logger log = LoggerFactory.getLogger(Fill.class);
  public static final int WINDOW = 8;

  private final CacheKey key;
  private final Tiers tiers;
  private final Executor diskExecutor;
  private final Executor commitExecutor;
  private final Runnable onDone;
  private final TitleVersions versions;
  private final Admissions admissions;
  private final CompletableFuture<Boolean> finished = new CompletableFuture<>();
  /** False when the controller's allocation keeps this object off this edge: streamed through only. */
  private final boolean storable;
  private final ByteBufAllocator allocator;
  private final AtomicBoolean done = new AtomicBoolean();

  // Who touches what. "The source" is the thread delivering onStart, onInfo, onData and then
  // onComplete or onError: gRPC calls a listener one call at a time, a peer source from its one
  // virtual thread. "The disk thread" and "the commit thread" are whichever executor thread runs the
  // next link of the writes chain; the chain runs its links one after another.

  /**
   * The title's version these bytes are stored as: the one this edge knew when the fill started, from
   * the index or the broker, never a peer's word (a peer's copy is the origin's bytes, checked).
   */
  private final long version;
  private volatile FillSourceKind source = FillSourceKind.ORIGIN; // written by the source before onInfo
  private final List<ByteBuf> chunks = new ArrayList<>(); // guarded by this
  /**
   * The whole object's buffer when the memory tier will keep it, else null: chunks are then slices
   * of it, so the memory tier takes the very bytes clients were sent, with no second copy.
   */
  private ByteBuf whole; // guarded by this
  private final List<FillSubscriber> subscribers = new ArrayList<>(); // guarded by this
  private ObjectMeta meta; // guarded by this
  private long received; // guarded by this
  private boolean complete; // guarded by this
  private Throwable failure; // guarded by this
  private boolean released; // guarded by this
  private volatile AsyncOriginClient.Fetch fetch; // set once by the source (onStart); read by whoever cancels or asks for more
  /** Where the disk copy goes; null when it is not stored, or once dropped. */
  private volatile PartFile part; // set by the source (onInfo); cleared by the link of the writes chain that drops it
  private volatile boolean diskFailed; // set on the disk thread; read on the disk and commit threads
  private volatile boolean stale; // set by any thread (an invalidation); read on the commit thread
  private volatile boolean committed; // set on the commit thread; read by done()
  private CompletableFuture<Void> writes = CompletableFuture.completedFuture(null); // the source's only

  /**
   * {@code commitExecutor} runs the fsync and rename: an fsync takes milliseconds, and on the write
   * executor it would hold up every other fill's writes, and with them those fills' origin streams.
   */
  Fill(CacheKey key, Tiers tiers, Executor diskExecutor, Executor commitExecutor, TitleVersions versions,
      Admissions admissions, boolean storable, ByteBufAllocator allocator, Runnable onDone) {
    this.key = key;
    this.allocator = allocator;
    this.storable = storable;
    this.versions = versions;
    this.admissions = admissions;
    this.version = versions.known(key.videoId());
    this.tiers = tiers;
    this.diskExecutor = diskExecutor;
    this.commitExecutor = commitExecutor;
    this.onDone = onDone;
  }

  /** Starts the source; the handle for more chunks arrives in {@link #onStart}, before any chunk. */
  void start(FillSource from) {
    from.start(key, this);
  }

  /** Called by a peer source before {@link #onInfo}: the bytes are a site peer's copy, checked against the origin's digest. */
  public void fromPeer() {
    source = FillSourceKind.PEER;
  }

  /** Completes with true once the object is committed to disk, false if it was not stored. */
  CompletableFuture<Boolean> finished() {
    return finished;
  }

  @Override
  public void onStart(AsyncOriginClient.Fetch fetch) {
    this.fetch = fetch;
  }

  /** Called after a chunk was written to disk, so it always follows {@link #onStart}. */
  private void requestMore() {
    fetch.request(1);
  }

  private void cancel(String reason) {
    AsyncOriginClient.Fetch started = fetch;
    if (started != null) started.cancel(reason);
  }

  /** The object was invalidated while in flight: serve it, but store it nowhere. */
  void discard() {
    stale = true;
  }

  synchronized boolean isComplete() {
    return complete;
  }

  /** Called by {@link Fills} while this fill is in its map, so never after {@link #release()}. */
  synchronized void subscribe(FillSubscriber subscriber) {
    if (released) throw new IllegalStateException("fill of " + key + " joined after its chunks were released");
    if (meta != null) subscriber.onMeta(meta, source);
    long offset = 0;
    for (ByteBuf chunk : chunks) {
      subscriber.onChunk(chunk, offset);
      offset += chunk.readableBytes();
    }
    if (complete) subscriber.onComplete();
    else if (failure != null) subscriber.onError(failure);
    else subscribers.add(subscriber);
  }

  @Override
  public void onInfo(ObjectInfo info) {
    ObjectMeta m = ObjectMeta.of(key, info, version);
    PartFile reserved = storable ? tiers.disk().reserve(key, m).orElse(null) : null;
    if (reserved == null) log.debug("{} ({} bytes) streams through without a disk copy", key, m.size());
    part = reserved;
    synchronized (this) {
      meta = m;
      if (whole == null && storable && !stale && tiers.memory().admits(m)) whole = tiers.memory().allocate(m);
      subscribers.forEach(s -> s.onMeta(m, source));
    }
    if (reserved != null) writes = writes.thenRunAsync(() -> openPart(reserved), diskExecutor);
  }

  @Override
  public void onData(ByteString data) {
    int size = data.size();
    ByteBuf chunk;
    long offset;
    synchronized (this) {
      if (released || complete || failure != null) return; // a chunk racing a cancel: nobody reads it
      if (meta == null || received + size > meta.size()) {
        cancel("origin sent more bytes than the object's size");
        return;
      }
      offset = received;
      chunk = offHeap(data, offset);
      chunks.add(chunk);
      received += size;
      for (FillSubscriber s : subscribers) s.onChunk(chunk, offset);
    }
    PartFile target = part;
    if (target == null) {
      requestMore();
    } else {
      writes = writes.thenRunAsync(() -> writeChunk(target, chunk), diskExecutor).whenComplete((v, e) -> requestMore());
    }
  }

  /**
   * Clients are finished at once (they have every byte); the fill stays joinable until the disk
   * commit is done, so a request arriving meanwhile is replayed from memory instead of refetching.
   */
  @Override
  public void onComplete() {
    ObjectMeta m;
    synchronized (this) {
      if (meta == null || received != meta.size()) {
        fail(new IOException("origin ended " + key + " after " + received + " bytes"));
        return;
      }
      m = meta;
      if (!stale && whole != null) tiers.memory().put(key, m, whole.retain());
      complete = true;
      subscribers.forEach(FillSubscriber::onComplete);
      subscribers.clear();
    }
    writes.thenRunAsync(() -> commit(m), commitExecutor).whenComplete((v, e) -> done());
  }

  @Override
  public void onError(Throwable error) {
    fail(error);
  }

  private void fail(Throwable error) {
    log.debug("fill of {} failed: {}", key, error.toString());
    synchronized (this) {
      if (failure != null || complete) return;
      failure = error;
      subscribers.forEach(s -> s.onError(error));
      subscribers.clear();
    }
    writes.whenCompleteAsync((v, e) -> dropPart(), diskExecutor).whenComplete((v, e) -> done());
  }

  private void done() {
    if (done.compareAndSet(false, true)) {
      onDone.run();
      finished.complete(committed);
    }
  }

  /**
   * Drops the fill's references to its chunks. {@link Fills} calls it once this fill is done and out
   * of its map: every disk write has run, the memory tier has its copy, and no client can subscribe.
   */
  synchronized void release() {
    if (released) return;
    released = true;
    chunks.forEach(ByteBuf::release);
    chunks.clear();
    if (whole != null) whole.release();
    whole = null;
  }

  /**
   * The one copy off-heap, so each client's write is a plain direct-buffer write, not a copy each:
   * into its place in the object's buffer when memory will keep the object, else into a pooled chunk.
   */
  private ByteBuf offHeap(ByteString data, long offset) {
    int size = data.size();
    if (whole != null) {
      data.copyTo(whole.nioBuffer((int) offset, size));
      return whole.retainedSlice((int) offset, size);
    }
    ByteBuf chunk = allocator.directBuffer(size, size);
    data.copyTo(chunk.nioBuffer(0, size));
    return chunk.writerIndex(size);
  }

  private void openPart(PartFile target) {
    try {
      target.open();
    } catch (IOException e) {
      diskTrouble(e);
    }
  }

  private void writeChunk(PartFile target, ByteBuf chunk) {
    if (diskFailed) return;
    try {
      target.write(chunk.nioBuffer());
    } catch (IOException e) {
      diskTrouble(e);
    }
  }

  /** On the commit thread, after the last write: the disk tier flushes, checks and renames the part. */
  private void commit(ObjectMeta m) {
    PartFile target = part;
    if (target == null) return;
    if (version < versions.known(key.videoId())) stale = true; // a newer version was learned meanwhile
    if (stale || diskFailed) {
      dropPart();
      return;
    }
    boolean stored = tiers.disk().commit(target);
    if (stored && stale) {
      tiers.disk().remove(key); // invalidated while the part was renamed
    } else if (stored) {
      committed = true;
      admissions.admitted(key, m, source);
    }
  }

  private void dropPart() {
    PartFile dropped = part;
    if (dropped == null) return;
    part = null;
    tiers.disk().abandon(dropped);
  }

  private void diskTrouble(IOException e) {
    log.warn("disk copy of {} abandoned: {}", key, e.toString());
    diskFailed = true;
  }
}
