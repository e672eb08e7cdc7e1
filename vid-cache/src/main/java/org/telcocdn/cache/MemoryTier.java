package org.telcocdn.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The memory tier: small hot objects (playlists, init segments, short segments) in off-heap
 * buffers, weighed by their bytes. The buffers are plain direct {@link ByteBuffer}s freed by the
 * garbage collector, not reference-counted: an entry evicted while a response is still being written
 * cannot be freed under that write, which is the race a released pooled buffer would have.
 */
public final class MemoryTier {
  /** Objects above this go to disk only: memory is for many small objects, not a few large ones. */
  public static final long MAX_OBJECT_BYTES = 1 << 20;

  private final Cache<CacheKey, Entry> cache;
  private final long maxBytes;

  public MemoryTier(long maxBytes) {
    this.maxBytes = maxBytes;
    this.cache = Caffeine.newBuilder()
        .maximumWeight(maxBytes)
        .weigher((CacheKey key, Entry entry) -> (int) Math.min(Integer.MAX_VALUE, entry.meta().size() + 256))
        .executor(Runnable::run)
        .build();
  }

  /** One object in memory. */
  public record Entry(ObjectMeta meta, ByteBuffer bytes) {
    /** A buffer for one response, sharing the bytes; releasing it frees nothing. */
    public ByteBuf slice(long offset, long length) {
      ByteBuffer view = bytes.duplicate().position((int) offset).limit((int) (offset + length));
      return Unpooled.wrappedBuffer(view);
    }
  }

  public boolean admits(ObjectMeta meta) {
    return meta.size() <= MAX_OBJECT_BYTES && meta.size() < maxBytes;
  }

  public Optional<Entry> lookup(CacheKey key) {
    return Optional.ofNullable(cache.getIfPresent(key));
  }

  /** Stores the object assembled from {@code chunks}, which must add up to {@code meta.size()}. */
  public void put(CacheKey key, ObjectMeta meta, List<ByteBuf> chunks) {
    ByteBuffer bytes = ByteBuffer.allocateDirect((int) meta.size());
    for (ByteBuf chunk : chunks) bytes.put(chunk.nioBuffer());
    cache.put(key, new Entry(meta, bytes.flip().asReadOnlyBuffer()));
  }

  public List<CacheKey> invalidate(String videoId) {
    List<CacheKey> keys = cache.asMap().keySet().stream().filter(k -> k.videoId().equals(videoId)).toList();
    cache.invalidateAll(keys);
    return keys;
  }

  public List<CacheKey> removeOlderThan(String videoId, long version) {
    List<CacheKey> keys = cache.asMap().entrySet().stream()
        .filter(e -> e.getKey().videoId().equals(videoId) && e.getValue().meta().version() < version)
        .map(Map.Entry::getKey).toList();
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
