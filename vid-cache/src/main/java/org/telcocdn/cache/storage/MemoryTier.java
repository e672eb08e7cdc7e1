package org.telcocdn.cache.storage;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.IllegalReferenceCountException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * The memory tier: small hot objects (playlists, init segments, short segments) in off-heap
 * buffers, weighed by their bytes.
 *
 * <p>Each entry's bytes are one direct buffer, freed when its last reference goes (no cleaner, no
 * wait for the collector). It is not allocated without zeroing: on JDK 25 Netty 4.2 takes it from
 * {@code ByteBuffer.allocateDirect}, which zeroes it and faults its pages in. A fill bound for
 * memory allocates it on the event loop when the origin's head arrives; with 16 cold 1 MiB misses
 * in flight that was 21 % of edge-http's loop CPU (perf, bench/README.md "cold misses at 16 in
 * parallel, profiled"). The tier holds one reference, dropped when the entry is evicted, replaced
 * or invalidated, and each response body holds its own, taken by {@link Entry#body}. A response
 * that finds an entry just evicted gets no body from it (the reference cannot be taken back from
 * zero) and is served from disk instead. Buffers freed only by the collector made the edge's RSS
 * climb to its direct-memory limit under churn.
 */
public final class MemoryTier {
  /** Objects above this go to disk only: memory is for many small objects, not a few large ones. */
  public static final long MAX_OBJECT_BYTES = 1 << 20;

  /**
   * Not pooled: entries live long, and long-lived buffers pin a pool's chunks. Not recycled either,
   * so taking a reference on an entry released meanwhile fails instead of landing on another
   * buffer.
   */
  private static final ByteBufAllocator ALLOCATOR = new UnpooledByteBufAllocator(true, false, true);

  private final Cache<CacheKey, Entry> cache;
  private final long maxBytes;

  public MemoryTier(long maxBytes) {
    this.maxBytes = maxBytes;
    this.cache =
        Caffeine.newBuilder()
            .maximumWeight(maxBytes)
            .weigher(
                (CacheKey key, Entry entry) ->
                    (int) Math.min(Integer.MAX_VALUE, entry.meta().size() + 256))
            .removalListener(
                (CacheKey key, Entry entry, RemovalCause cause) -> {
                  if (entry != null) entry.bytes().release();
                })
            .executor(Runnable::run)
            .build();
  }

  /** One object in memory; {@code bytes} is the tier's, never written directly. */
  public record Entry(ObjectMeta meta, ByteBuf bytes) {
    /**
     * A body for one response, sharing the bytes and holding its own reference (the channel
     * releases it once written); empty if the entry was released since it was looked up.
     */
    public Optional<ByteBuf> body(long offset, long length) {
      try {
        return Optional.of(bytes.retainedSlice((int) offset, (int) length));
      } catch (IllegalReferenceCountException e) {
        return Optional.empty();
      }
    }
  }

  public boolean admits(ObjectMeta meta) {
    return meta.size() <= MAX_OBJECT_BYTES && meta.size() < maxBytes;
  }

  public Optional<Entry> lookup(CacheKey key) {
    return Optional.ofNullable(cache.getIfPresent(key));
  }

  /**
   * A buffer for an object this tier {@link #admits}, to be filled in place and then {@link #put}:
   * a fill bound for memory receives its bytes straight into it, so storing the object copies
   * nothing and allocates nothing more.
   */
  public ByteBuf allocate(ObjectMeta meta) {
    if (!admits(meta))
      throw new IllegalArgumentException(
          meta.path() + " (" + meta.size() + " bytes) is not for the memory tier");
    int size = (int) meta.size();
    return ALLOCATOR.directBuffer(size, size);
  }

  /**
   * Stores an object whose {@code meta.size()} bytes fill {@code bytes}, a buffer from {@link
   * #allocate}. The tier takes over the caller's reference.
   */
  public void put(CacheKey key, ObjectMeta meta, ByteBuf bytes) {
    if (bytes.capacity() != meta.size()) {
      bytes.release();
      throw new IllegalArgumentException(
          key + ": " + bytes.capacity() + " bytes for an object of " + meta.size());
    }
    bytes.writerIndex(bytes.capacity());
    cache.put(key, new Entry(meta, bytes));
  }

  /** Frees every entry (the edge is stopping); responses still being written keep theirs. */
  public void clear() {
    cache.invalidateAll();
    cache.cleanUp();
  }

  public List<CacheKey> invalidate(String videoId) {
    List<CacheKey> keys =
        cache.asMap().keySet().stream().filter(k -> k.videoId().equals(videoId)).toList();
    cache.invalidateAll(keys);
    return keys;
  }

  public List<CacheKey> removeOlderThan(String videoId, long version) {
    List<CacheKey> keys =
        cache.asMap().entrySet().stream()
            .filter(
                e ->
                    e.getKey().videoId().equals(videoId) && e.getValue().meta().version() < version)
            .map(Map.Entry::getKey)
            .toList();
    cache.invalidateAll(keys);
    return keys;
  }

  /** Removes the entries {@code which} accepts; returns their keys. */
  public List<CacheKey> removeIf(BiPredicate<CacheKey, ObjectMeta> which) {
    List<CacheKey> keys =
        cache.asMap().entrySet().stream()
            .filter(e -> which.test(e.getKey(), e.getValue().meta()))
            .map(Map.Entry::getKey)
            .toList();
    cache.invalidateAll(keys);
    return keys;
  }

  public void remove(CacheKey key) {
    cache.invalidate(key);
  }

  public long usedBytes() {
    return cache.asMap().values().stream().mapToLong(e -> e.meta().size()).sum();
  }

  public long objectCount() {
    return cache.estimatedSize();
  }

  public long maxBytes() {
    return maxBytes;
  }
}
