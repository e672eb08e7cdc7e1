package org.telcocdn.cache.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.FileRegion;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.cache.policy.PolicyName;

/**
 * Disk hits through handles kept open: the right file, never closed under a response, never leaked.
 */
class OpenFilesTest {
  private static final int BODY = 50_000;
  private static final CacheKey A = new CacheKey("v1", "720p/seg_00001.m4s");
  private static final CacheKey B = new CacheKey("v1", "720p/seg_00002.m4s");
  private static final CacheKey C = new CacheKey("v1", "720p/seg_00003.m4s");

  @TempDir Path dir;

  @Test
  void aHotObjectKeepsOneHandleOpenAcrossHits() throws IOException {
    DiskTier tier = DiskTier.open(dir, 10_000_000, PolicyName.LRU);
    store(tier, A, (byte) 1);
    DiskTier.Entry first = tier.lookup(A).orElseThrow();
    DiskTier.Entry second = tier.lookup(A).orElseThrow();

    assertThat(second.channel()).isSameAs(first.channel());
    assertThat(tier.openFileCount()).isEqualTo(1);
    first.release();
    second.release();
    assertThat(first.channel().isOpen()).as("kept for the next hit").isTrue();
    tier.close();
    assertThat(first.channel().isOpen()).isFalse();
  }

  @Test
  void aResponseInFlightKeepsItsFileAfterTheObjectIsDeleted() throws IOException {
    DiskTier tier = DiskTier.open(dir, 10_000_000, PolicyName.LRU);
    store(tier, A, (byte) 1);
    DiskTier.Entry entry = tier.lookup(A).orElseThrow();
    FileRegion region = entry.region(0, BODY);

    tier.remove(A);
    assertThat(tier.openFileCount()).isZero();
    assertThat(entry.channel().isOpen()).as("the response still sends from it").isTrue();
    assertThat(send(region)).containsOnly(1).hasSize(BODY);
    assertThat(entry.channel().isOpen()).isFalse();
  }

  @Test
  void aReplacedObjectIsServedFromItsNewFile() throws IOException {
    DiskTier tier = DiskTier.open(dir, 10_000_000, PolicyName.LRU);
    store(tier, A, (byte) 1);
    DiskTier.Entry old = tier.lookup(A).orElseThrow();
    store(tier, A, (byte) 2); // a refill replaces the committed copy

    DiskTier.Entry now = tier.lookup(A).orElseThrow();
    assertThat(send(now.region(0, BODY))).containsOnly(2);
    assertThat(send(old.region(0, BODY)))
        .as("a response begun before keeps the old bytes")
        .containsOnly(1);
    assertThat(old.channel().isOpen()).isFalse();
    tier.close();
  }

  @Test
  void beyondTheLimitTheLeastRecentlyUsedHandleIsClosed() throws IOException {
    DiskTier tier = DiskTier.open(dir, 10_000_000, PolicyName.LRU, 2);
    for (CacheKey key : new CacheKey[] {A, B, C}) store(tier, key, (byte) 3);
    DiskTier.Entry a = tier.lookup(A).orElseThrow();
    a.release();
    DiskTier.Entry b = tier.lookup(B).orElseThrow();
    b.release();
    tier.lookup(A).orElseThrow().release(); // A is now more recent than B
    DiskTier.Entry c = tier.lookup(C).orElseThrow();
    c.release();

    assertThat(tier.openFileCount()).isEqualTo(2);
    assertThat(b.channel().isOpen()).as("B, the least recently used, is closed").isFalse();
    assertThat(a.channel().isOpen()).isTrue();
    assertThat(c.channel().isOpen()).isTrue();
    tier.close();
  }

  @Test
  void zeroOpensTheFileOnEveryHitAndKeepsNothing() throws IOException {
    DiskTier tier = DiskTier.open(dir, 10_000_000, PolicyName.LRU, 0);
    store(tier, A, (byte) 4);
    DiskTier.Entry first = tier.lookup(A).orElseThrow();
    DiskTier.Entry second = tier.lookup(A).orElseThrow();

    assertThat(second.channel()).isNotSameAs(first.channel());
    assertThat(tier.openFileCount()).isZero();
    assertThat(send(first.region(0, BODY))).containsOnly(4);
    second.release();
    assertThat(first.channel().isOpen()).isFalse();
    assertThat(second.channel().isOpen()).isFalse();
  }

  @Test
  void aFileDeletedBehindTheTiersBackIsForgotten() throws IOException {
    DiskTier tier = DiskTier.open(dir, 10_000_000, PolicyName.LRU);
    store(tier, A, (byte) 5);
    Files.delete(objectFile());

    assertThat(tier.lookup(A)).isEmpty();
    assertThat(tier.objectCount()).isZero();
  }

  @Test
  void aFileThatExistsButCannotBeOpenedIsKept() throws IOException {
    DiskTier tier = DiskTier.open(dir, 10_000_000, PolicyName.LRU);
    store(tier, A, (byte) 6);
    // A socket where the file was: open fails (ENXIO) while the path exists, as it would for a
    // transient failure such as running out of file descriptors; root ignores permission bits.
    Path file = objectFile();
    Files.delete(file);
    try (ServerSocketChannel socket = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      socket.bind(UnixDomainSocketAddress.of(file));

      assertThat(tier.lookup(A)).as("served as a miss").isEmpty();
      assertThat(tier.objectCount()).as("not forgotten").isEqualTo(1);
      assertThat(file).as("not deleted").exists();
    }
  }

  private Path objectFile() throws IOException {
    try (var files = Files.walk(dir)) {
      return files.filter(p -> p.toString().endsWith(".obj")).findFirst().orElseThrow();
    }
  }

  /** What sendfile would put on the wire, by the region's own transfer; releases the region. */
  private static byte[] send(FileRegion region) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (WritableByteChannel sink = Channels.newChannel(out)) {
      while (region.transferred() < region.count()) region.transferTo(sink, region.transferred());
    }
    region.release();
    return out.toByteArray();
  }

  /**
   * Reserves, writes and commits one object of {@code BODY} bytes, all {@code fill}, as a fill
   * does.
   */
  private static void store(DiskTier tier, CacheKey key, byte fill) throws IOException {
    ObjectMeta meta = new ObjectMeta(key.path(), "video/mp4", "\"" + fill + "\"", 0, BODY);
    PartFile part = tier.reserve(key, meta).orElseThrow();
    byte[] body = new byte[BODY];
    Arrays.fill(body, fill);
    part.open();
    part.write(ByteBuffer.wrap(body));
    assertThat(tier.commit(part)).isTrue();
  }
}
