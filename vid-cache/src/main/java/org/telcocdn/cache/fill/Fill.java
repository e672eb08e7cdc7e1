package org.telcocdn.cache.fill;

import com.google.protobuf.ByteString;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 * One fetch, from the origin or a site peer ({@link FillSource}), shared by every client that
 * misses on the same object (single flight).
 *
 * <p>Concurrency model: gRPC delivers chunks on its own threads; each chunk is appended to the
 * in-memory list and forwarded to every subscriber under this object's lock, so a subscriber that
 * joins late is replayed what arrived so far and then sees the rest, in order, with nothing missed
 * or doubled. Disk writes run on the disk executor, chained so they stay in order, and each
 * finished write asks the origin for one more chunk: a slow disk slows the origin instead of
 * queueing bytes without bound. Clients never slow the fill down; the cache gets the object even if
 * they leave.
 *
 * <p>The chunks are kept until the fill ends (a segment is a few MiB), which is what makes replay
 * and stream-through to any number of clients possible without re-reading the part file. They are
 * pooled direct buffers, or slices of the object's one buffer when the memory tier will keep it,
 * reference-counted: the fill holds one reference to each until it is done (committed or failed,
 * every disk write finished) and out of {@link Fills}, which is also when no client can join any
 * more; each client's write holds its own. Plain direct buffers, freed only when the collector got
 * round to them, made the edge's RSS grow with every gigabyte filled, and cost a {@code malloc}, a
 * zeroing and a cleaner per chunk.
 *
 * <p>HTTP origins ({@code http.HttpSource}) deliver Netty buffers ({@link #onData(ByteBuf)}: kept
 * as they are, no copy unless the memory tier takes the object) and decide per response whether it
 * is stored and whether later requests may join ({@link #onInfo(ObjectMeta, boolean, boolean)}). A
 * fill that may not be joined leaves {@link Fills}' map at once and keeps no chunk beyond its disk
 * write: a response too large to hold in memory for late joiners (an origin without Range support),
 * one that may not be shared ({@code private}, {@code no-store}), or one without Content-Length,
 * which is kept whole in memory only up to {@code maxUnsized} bytes and written to disk once it has
 * ended.
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

  /**
   * False when the controller's allocation keeps this object off this edge: streamed through only.
   */
  private final boolean storable;

  private final ByteBufAllocator allocator;
  private final AtomicBoolean done = new AtomicBoolean();

  /** Takes this fill out of {@link Fills}' map (no new joiners); it keeps running. */
  private final Runnable detach;

  private final long maxUnsized;

  // Who touches what. "The source" is the thread delivering onStart, onInfo, onData and then
  // onComplete or onError: gRPC calls a listener one call at a time, a peer source from its one
  // virtual thread. "The disk thread" and "the commit thread" are whichever executor thread runs
  // the
  // next link of the writes chain; the chain runs its links one after another.

  /**
   * The title's version these bytes are stored as: the one this edge knew when the fill started,
   * from the index or the broker, never a peer's word (a peer's copy is the origin's bytes,
   * checked).
   */
  private final long version;

  private volatile FillSourceKind source =
      FillSourceKind.ORIGIN; // written by the source before onInfo

  /** What a parent cache said of its answer; null unless a parent delivers the bytes. */
  private volatile Upstream upstream; // written by the source before onInfo

  /** The site peer that delivers the bytes; null unless a peer does. */
  private volatile String peer; // written by the source before onInfo

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

  /** Chunks stay in {@link #chunks} (for late joiners, or an unsized object's final write). */
  private boolean keepChunks = true; // guarded by this

  /** A response without Content-Length to store once it has ended. */
  private boolean storeUnsized; // guarded by this

  private volatile AsyncOriginClient.Fetch
      fetch; // set once by the source (onStart); read by whoever cancels or asks for more

  /** Where the disk copy goes; null when it is not stored, or once dropped. */
  private volatile PartFile
      part; // set by the source (onInfo); cleared by the link of the writes chain that drops it

  private volatile boolean
      diskFailed; // set on the disk thread; read on the disk and commit threads
  private volatile boolean stale; // set by any thread (an invalidation); read on the commit thread

  /** Whether the memory tier may keep the object (not for a preposition's). */
  private final boolean memory;

  private volatile boolean committed; // set on the commit thread; read by done()
  private CompletableFuture<Void> writes =
      CompletableFuture.completedFuture(null); // the source's only

  /**
   * {@code commitExecutor} runs the fsync and rename: an fsync takes milliseconds, and on the write
   * executor it would hold up every other fill's writes, and with them those fills' origin streams.
   */
  Fill(
      CacheKey key,
      Tiers tiers,
      Executor diskExecutor,
      Executor commitExecutor,
      TitleVersions versions,
      Admissions admissions,
      boolean storable,
      ByteBufAllocator allocator,
      Runnable onDone,
      Runnable detach,
      long maxUnsized,
      boolean memory) {
    this.memory = memory;
    this.key = key;
    this.detach = detach;
    this.maxUnsized = maxUnsized;
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

  /**
   * Starts the source; the handle for more chunks arrives in {@link #onStart}, before any chunk.
   */
  void start(FillSource from) {
    from.start(key, this);
  }

  /**
   * Called by a peer source before {@link #onInfo}: the bytes are a site peer's copy, checked
   * against the origin's digest.
   */
  public void fromPeer(String name) {
    peer = name;
    source = FillSourceKind.PEER;
  }

  /**
   * Called by a parent source before {@link #onInfo}: a parent cache of the tier above delivers the
   * bytes, and said {@code upstream} of them.
   */
  public void fromParent(Upstream said) {
    upstream = said;
    source = FillSourceKind.PARENT;
  }

  /**
   * Called by an HTTP source before {@link #onInfo}: what the bytes are (origin, validated copy,
   * stale copy).
   */
  public void from(FillSourceKind kind) {
    source = kind;
  }

  public CacheKey key() {
    return key;
  }

  /**
   * Where the bytes came from, once the source has said (before its first byte): {@code origin},
   * {@code parent:NAME} (the parent cache that sent them, as its {@code X-Served-By} names itself),
   * {@code peer:NAME} (a site peer), or {@code validated}/{@code stale} (an HTTP origin's answer
   * about the edge's own copy).
   */
  public String provenance() {
    return switch (source) {
      case PEER -> "peer:" + peer;
      case PARENT -> "parent:" + upstream.servedBy();
      default -> source.name().toLowerCase(Locale.ROOT);
    };
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
    if (released)
      throw new IllegalStateException("fill of " + key + " joined after its chunks were released");
    if (meta != null) subscriber.onMeta(meta, source, upstream);
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
    onInfo(ObjectMeta.of(key, info, version), true, true);
  }

  /**
   * The response's metadata, from a source that built it: {@code store} whether the object may go
   * to the tiers, {@code joinable} whether requests arriving later may share this fill. A size of
   * -1 means unknown (no Content-Length): never joinable, stored only if it ends within {@code
   * maxUnsized} bytes.
   */
  public void onInfo(ObjectMeta m, boolean store, boolean joinable) {
    boolean sized = m.size() >= 0;
    boolean keep = store && storable;
    PartFile reserved = keep && sized ? tiers.disk().reserve(key, m).orElse(null) : null;
    if (reserved == null && sized)
      log.debug("{} ({} bytes) streams through without a disk copy", key, m.size());
    part = reserved;
    boolean detached;
    synchronized (this) {
      meta = m;
      storeUnsized = keep && !sized;
      keepChunks = joinable && sized || storeUnsized;
      detached = !(joinable && sized);
      if (whole == null && memory && keep && sized && !stale && tiers.memory().admits(m))
        whole = tiers.memory().allocate(m);
      subscribers.forEach(s -> s.onMeta(m, source, upstream));
    }
    if (detached)
      detach.run(); // outside this lock: the map's bin lock is taken before it in Fills.join
    if (reserved != null) writes = writes.thenRunAsync(() -> openPart(reserved), diskExecutor);
  }

  @Override
  public void onData(ByteString data) {
    deliver(null, data, data.size());
  }

  /** A chunk from an HTTP origin: the fill takes over the caller's reference. */
  public void onData(ByteBuf data) {
    deliver(data, null, data.readableBytes());
  }

  private void deliver(ByteBuf buffer, ByteString bytes, int size) {
    ByteBuf chunk;
    long offset;
    boolean kept;
    synchronized (this) {
      if (released || complete || failure != null) { // a chunk racing a cancel: nobody reads it
        if (buffer != null) buffer.release();
        return;
      }
      if (meta == null || meta.size() >= 0 && received + size > meta.size()) {
        if (buffer != null) buffer.release();
        cancel("origin sent more bytes than the object's size");
        return;
      }
      offset = received;
      chunk = buffer == null ? offHeap(bytes, offset) : adopt(buffer, offset);
      received += size;
      kept = keepChunks;
      if (kept) chunks.add(chunk);
      for (FillSubscriber s : subscribers) s.onChunk(chunk, offset);
      if (storeUnsized && received > maxUnsized) dropUnsized();
    }
    PartFile target = part;
    if (target == null) {
      if (!kept) chunk.release();
      requestMore();
    } else {
      writes =
          writes
              .thenRunAsync(() -> writeChunk(target, chunk), diskExecutor)
              .whenComplete(
                  (v, e) -> {
                    if (!kept) chunk.release();
                    requestMore();
                  });
    }
  }

  /** An unsized response grew past {@code maxUnsized}: streamed on, not stored, nothing kept. */
  private void dropUnsized() {
    log.debug("{} has no Content-Length and passed {} bytes: not stored", key, maxUnsized);
    storeUnsized = false;
    keepChunks = false;
    chunks.forEach(ByteBuf::release);
    chunks.clear();
  }

  /**
   * An origin's buffer as a chunk: itself, or copied into the object's buffer when memory will keep
   * it.
   */
  private ByteBuf adopt(ByteBuf buffer, long offset) {
    if (whole == null) return buffer;
    int size = buffer.readableBytes();
    whole.setBytes((int) offset, buffer, buffer.readerIndex(), size);
    buffer.release();
    return whole.retainedSlice((int) offset, size);
  }

  /**
   * Clients are finished at once (they have every byte); the fill stays joinable until the disk
   * commit is done, so a request arriving meanwhile is replayed from memory instead of refetching.
   */
  @Override
  public void onComplete() {
    ObjectMeta m;
    boolean unsized;
    synchronized (this) {
      if (complete || failure != null)
        return; // a source's second word on the matter changes nothing
      if (meta == null || meta.size() >= 0 && received != meta.size()) {
        fail(new IOException("origin ended " + key + " after " + received + " bytes"));
        return;
      }
      unsized = meta.size() < 0;
      m = unsized ? meta.withSize(received) : meta;
      if (!stale && whole != null) tiers.memory().put(key, m, whole.retain());
      complete = true;
      subscribers.forEach(FillSubscriber::onComplete);
      subscribers.clear();
      if (unsized && storeUnsized && !stale) {
        List<ByteBuf> body = List.copyOf(chunks); // released with the fill, after this write
        writes = writes.thenRunAsync(() -> writeUnsized(m, body), diskExecutor);
      }
    }
    writes.thenRunAsync(() -> commit(m), commitExecutor).whenComplete((v, e) -> done());
  }

  /**
   * An object whose size is known only now: reserved, opened and written whole, then committed as
   * any other.
   */
  private void writeUnsized(ObjectMeta m, List<ByteBuf> body) {
    PartFile target = tiers.disk().reserve(key, m).orElse(null);
    if (target == null) return;
    part = target;
    openPart(target);
    body.forEach(chunk -> writeChunk(target, chunk));
  }

  @Override
  public void onError(Throwable error) {
    fail(error);
  }

  private void fail(Throwable error) {
    log.debug("fill of {} failed: {}", key, error.toString());
    List<FillSubscriber> told;
    synchronized (this) {
      if (failure != null || complete) return;
      failure = error;
      told = List.copyOf(subscribers);
      subscribers.clear();
    }
    // Out of the map before any viewer hears of the failure: a viewer who retries at once must
    // start a new fill, not join this failed one (which stays listed until its part file is
    // dropped, and would answer the retry with the same error).
    detach.run();
    told.forEach(s -> s.onError(error));
    writes.whenCompleteAsync((v, e) -> dropPart(), diskExecutor).whenComplete((v, e) -> done());
  }

  private void done() {
    if (done.compareAndSet(false, true)) {
      onDone.run();
      finished.complete(committed);
    }
  }

  /**
   * Drops the fill's references to its chunks. {@link Fills} calls it once this fill is done and
   * out of its map: every disk write has run, the memory tier has its copy, and no client can
   * subscribe.
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
   * into its place in the object's buffer when memory will keep the object, else into a pooled
   * chunk.
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

  /**
   * On the commit thread, after the last write: the disk tier flushes, checks and renames the part.
   */
  private void commit(ObjectMeta m) {
    PartFile target = part;
    if (target == null) return;
    if (version < versions.known(key.videoId()))
      stale = true; // a newer version was learned meanwhile
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
