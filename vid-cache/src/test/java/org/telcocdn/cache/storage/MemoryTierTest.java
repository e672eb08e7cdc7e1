package org.telcocdn.cache.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The memory tier frees an entry's bytes when it drops the entry, unless a response still holds
 * them.
 */
class MemoryTierTest {
  private static final CacheKey A = new CacheKey("abc", "720p/seg_00001.m4s");

  private static ObjectMeta meta(CacheKey key, int size) {
    return new ObjectMeta(key.path(), "video/mp4", null, 0, size, 0);
  }

  private static void put(MemoryTier tier, CacheKey key, byte fill, int size) {
    ByteBuf bytes = tier.allocate(meta(key, size));
    for (int i = 0; i < size; i++) bytes.setByte(i, fill);
    tier.put(key, meta(key, size), bytes);
  }

  @Test
  void aBodyKeepsItsBytesAfterTheEntryIsInvalidatedAndFreesThemWhenReleased() {
    MemoryTier tier = new MemoryTier(1 << 20);
    put(tier, A, (byte) 7, 1000);
    MemoryTier.Entry entry = tier.lookup(A).orElseThrow();
    ByteBuf body = entry.body(10, 100).orElseThrow();

    tier.invalidate("abc");
    assertThat(tier.lookup(A)).isEmpty();
    assertThat(entry.bytes().refCnt()).as("the response's reference").isEqualTo(1);
    assertThat(body.getByte(99)).isEqualTo((byte) 7);

    body.release();
    assertThat(entry.bytes().refCnt()).as("freed").isZero();
    assertThat(entry.body(0, 10)).as("no body from a freed entry").isEmpty();
  }

  @Test
  void aBufferThatDoesNotHoldTheWholeObjectIsRefusedAndFreed() {
    MemoryTier tier = new MemoryTier(1 << 20);
    ByteBuf bytes = tier.allocate(meta(A, 100));
    assertThatThrownBy(() -> tier.put(A, meta(A, 101), bytes))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(bytes.refCnt()).isZero();
    assertThat(tier.lookup(A)).isEmpty();
    assertThatThrownBy(() -> tier.allocate(meta(A, (int) MemoryTier.MAX_OBJECT_BYTES + 1)))
        .as("too large for memory")
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void replacedEvictedAndClearedEntriesAreFreed() {
    MemoryTier tier = new MemoryTier(4096);
    put(tier, A, (byte) 1, 1500);
    MemoryTier.Entry first = tier.lookup(A).orElseThrow();
    put(tier, A, (byte) 2, 1500);
    assertThat(first.bytes().refCnt()).as("replaced").isZero();
    ByteBuf replaced = tier.lookup(A).orElseThrow().body(0, 1).orElseThrow();
    assertThat(replaced.readByte()).isEqualTo((byte) 2);
    replaced.release();

    List<MemoryTier.Entry> stored = new java.util.ArrayList<>();
    stored.add(tier.lookup(A).orElseThrow());
    for (int i = 0; i < 10; i++) {
      CacheKey key = new CacheKey("other", "seg_" + i);
      put(tier, key, (byte) 3, 1500);
      tier.lookup(key).ifPresent(stored::add);
    }
    assertThat(tier.objectCount()).as("the budget holds two").isLessThanOrEqualTo(2);
    for (MemoryTier.Entry e : stored) {
      boolean held =
          tier.lookup(new CacheKey(e == stored.getFirst() ? "abc" : "other", e.meta().path()))
              .filter(now -> now == e)
              .isPresent();
      assertThat(e.bytes().refCnt())
          .as(e.meta().path() + (held ? " held" : " evicted"))
          .isEqualTo(held ? 1 : 0);
    }
    tier.clear();
    stored.forEach(e -> assertThat(e.bytes().refCnt()).isZero());
    assertThat(tier.objectCount()).isZero();
  }
}
