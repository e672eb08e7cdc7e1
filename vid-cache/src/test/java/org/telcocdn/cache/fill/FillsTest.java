package org.telcocdn.cache.fill;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PoolArenaMetric;
import io.netty.buffer.PooledByteBufAllocator;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.cache.metrics.CacheOutcome;
import org.telcocdn.cache.metrics.FillSourceKind;
import org.telcocdn.cache.policy.PolicyName;
import org.telcocdn.cache.storage.Allocations;
import org.telcocdn.cache.storage.CacheKey;
import org.telcocdn.cache.storage.DiskTier;
import org.telcocdn.cache.storage.MemoryTier;
import org.telcocdn.cache.storage.ObjectMeta;
import org.telcocdn.cache.storage.Tiers;
import org.telcocdn.cache.storage.TitleVersions;
import org.telcocdn.protocol.origin.ObjectInfo;
import org.telcocdn.protocol.origin.client.AsyncOriginClient;

/**
 * Fills take their chunks from a pooled allocator and must give every one back, whatever happens to
 * the fill, while clients still holding a slice keep valid bytes. Runs on a private pooled
 * allocator whose arenas count live allocations exactly; disk work runs inline so each case is
 * deterministic. The memory tier is kept too small for these objects, except in the case of a fill
 * bound for it, which fills the tier's own buffer instead of pooled chunks.
 */
class FillsTest {
  private static final Executor INLINE = Runnable::run;
  private static final CacheKey KEY = new CacheKey("abc", "720p/seg_00001.m4s");

  @TempDir Path dir;
  // One direct arena and no thread caches: a freed chunk goes back to the arena at once, so the
  // arena's count of live allocations is exact.
  private final PooledByteBufAllocator allocator =
      new PooledByteBufAllocator(true, 0, 1, 8192, 9, 0, 0, false);
  private final ScriptedSource source = new ScriptedSource();
  private Tiers tiers;
  private Fills fills;

  @BeforeEach
  void open() {
    open(16 << 10);
  }

  private void open(long memoryBytes) {
    tiers = new Tiers(new MemoryTier(memoryBytes), DiskTier.open(dir, 64L << 20, PolicyName.LRU));
    fills =
        new Fills(tiers, INLINE, INLINE, new TitleVersions(), source, new Allocations(), allocator);
  }

  @AfterEach
  void noChunkOutlivesItsReaders() {
    assertThat(liveAllocations()).as("pooled chunks still allocated").isZero();
  }

  @Test
  void aCompletedFillReleasesItsChunksAndClientsKeepTheirSlices() {
    byte[] object = bytes(300_000);
    Client early = new Client();
    assertThat(fills.join(KEY, outcome -> early)).isEqualTo(CacheOutcome.MISS);
    source.info(object.length);
    source.data(object, 0, 100_000);
    Client late = new Client(); // joins mid-fill: replayed what arrived so far
    assertThat(fills.join(KEY, outcome -> late)).isEqualTo(CacheOutcome.COALESCED);
    source.data(object, 100_000, object.length);
    source.complete();

    assertThat(fills.size()).as("done and out of the map").isZero();
    assertThat(stored()).isTrue();
    // The fill dropped its references; the clients' slices (unwritten yet) still hold the bytes.
    assertThat(early.body()).isEqualTo(object);
    assertThat(late.body()).isEqualTo(object);
    early.release();
    late.release();
  }

  @Test
  void aFillBoundForMemoryGivesTheTierTheBytesItsClientsWereSentAndFreesThemWithTheEntry() {
    open(1 << 20);
    byte[] object = bytes(300_000);
    Client client = new Client();
    fills.join(KEY, outcome -> client);
    source.info(object.length);
    source.data(object, 0, object.length);
    source.complete();

    MemoryTier.Entry entry = tiers.memory().lookup(KEY).orElseThrow();
    ByteBuf body = entry.body(0, object.length).orElseThrow();
    byte[] stored = new byte[object.length];
    body.getBytes(0, stored);
    assertThat(stored).isEqualTo(object);
    // Roots on both sides: Netty's leak detector wraps a sampled allocation (1 in 128) in a
    // leak-aware buffer, so the entry's buffer may be that wrapper of the one the slices share.
    assertThat(client.slices)
        .as("no copy: the client's slices are of the tier's buffer")
        .allSatisfy(slice -> assertThat(root(slice)).isSameAs(root(entry.bytes())));
    assertThat(client.body()).isEqualTo(object);
    assertThat(liveAllocations()).as("no pooled chunk for a fill bound for memory").isZero();

    body.release();
    client.release();
    assertThat(entry.bytes().refCnt()).as("only the tier's reference is left").isEqualTo(1);
    tiers.memory().invalidate(KEY.videoId());
    assertThat(entry.bytes().refCnt()).as("freed with the entry").isZero();
  }

  @Test
  void aFillBoundForMemoryThatFailsFreesItsBuffer() {
    open(1 << 20);
    byte[] object = bytes(200_000);
    Client client = new Client();
    fills.join(KEY, outcome -> client);
    source.info(object.length);
    source.data(object, 0, 50_000);
    source.error(new IllegalStateException("origin went away"));

    assertThat(tiers.memory().lookup(KEY)).isEmpty();
    ByteBuf buffer = root(client.slices.getFirst());
    client.release();
    assertThat(buffer.refCnt()).as("freed once the last client slice is").isZero();
  }

  @Test
  void aFailedFillReleasesWhatArrived() {
    byte[] object = bytes(200_000);
    Client client = new Client();
    fills.join(KEY, outcome -> client);
    source.info(object.length);
    source.data(object, 0, 50_000);
    source.error(new IllegalStateException("origin went away"));

    assertThat(client.error).isNotNull();
    assertThat(fills.size()).isZero();
    assertThat(stored()).isFalse();
    client.release();
  }

  @Test
  void bytesBeyondTheObjectSizeAreRefusedAndReleased() {
    Client client = new Client();
    fills.join(KEY, outcome -> client);
    source.info(10);
    source.data(bytes(20), 0, 20);
    assertThat(source.cancelled).isNotNull();
    source.error(new IllegalStateException("cancelled"));
    client.release();
  }

  @Test
  void anInvalidatedFillStillReleasesWhenItEnds() {
    byte[] object = bytes(100_000);
    Client client = new Client();
    fills.join(KEY, outcome -> client);
    source.info(object.length);
    source.data(object, 0, 40_000);
    fills.invalidate(KEY.videoId()); // out of the map before it is done
    source.data(object, 40_000, object.length);
    source.complete();

    assertThat(client.body()).isEqualTo(object);
    assertThat(stored()).as("stale: served, not stored").isFalse();
    client.release();
  }

  private boolean stored() {
    var entry = tiers.disk().lookup(KEY);
    entry.ifPresent(DiskTier.Entry::release);
    return entry.isPresent();
  }

  /** The buffer a (possibly nested) slice shares its bytes with. */
  private static ByteBuf root(ByteBuf buffer) {
    while (buffer.unwrap() != null) buffer = buffer.unwrap();
    return buffer;
  }

  private long liveAllocations() {
    return allocator.metric().directArenas().stream()
        .mapToLong(PoolArenaMetric::numActiveAllocations)
        .sum();
  }

  private static byte[] bytes(int n) {
    byte[] b = new byte[n];
    new Random(n).nextBytes(b);
    return b;
  }

  /** A client that keeps its slices, as a channel's outbound buffer does until they are written. */
  private static final class Client implements FillSubscriber {
    final List<ByteBuf> slices = new ArrayList<>();
    Throwable error;

    @Override
    public void onMeta(ObjectMeta meta, FillSourceKind source) {}

    @Override
    public void onChunk(ByteBuf chunk, long offset) {
      slices.add(chunk.retainedSlice(0, chunk.readableBytes()));
    }

    @Override
    public void onComplete() {}

    @Override
    public void onError(Throwable error) {
      this.error = error;
    }

    byte[] body() {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      for (ByteBuf s : slices) {
        byte[] part = new byte[s.readableBytes()];
        s.getBytes(s.readerIndex(), part);
        out.writeBytes(part);
      }
      return out.toByteArray();
    }

    void release() {
      slices.forEach(ByteBuf::release);
      slices.clear();
    }
  }

  /** The origin, driven step by step by the test. */
  private static final class ScriptedSource implements FillSource {
    Fill fill;
    String cancelled;

    @Override
    public void start(CacheKey key, Fill fill) {
      this.fill = fill;
      fill.onStart(
          new AsyncOriginClient.Fetch() {
            @Override
            public void request(int chunks) {}

            @Override
            public void cancel(String reason) {
              cancelled = reason;
            }
          });
    }

    void info(long size) {
      fill.onInfo(ObjectInfo.newBuilder().setSize(size).setContentType("video/mp4").build());
    }

    void data(byte[] object, int from, int to) {
      for (int at = from; at < to; at += 16_384) {
        fill.onData(ByteString.copyFrom(object, at, Math.min(16_384, to - at)));
      }
    }

    void complete() {
      fill.onComplete();
    }

    void error(Throwable error) {
      fill.onError(error);
    }
  }
}
