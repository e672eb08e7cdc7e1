package org.telcocdn.cache.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.cache.policy.PolicyName;

/**
 * What the disk tier does with the files it finds at start-up: it deletes only what is proven not
 * to be a whole object (an unfinished part, a file whose length or header does not match), and
 * leaves everything else on disk, so a bug or a passing fault cannot empty the cache.
 */
class DiskTierStartTest {
  private static final CacheKey GOOD = new CacheKey("v1", "720p/seg_00001.m4s");

  /**
   * A segment number beyond an int: vpop's parser throws on it (NumberFormatException), lru never
   * parses it.
   */
  private static final CacheKey UNPARSEABLE = new CacheKey("v1", "720p/seg_99999999999.m4s");

  @TempDir Path dir;

  @Test
  void anObjectThePolicyFailsOnIsKeptOnDisk_andTheOthersAreServed() throws IOException {
    DiskTier lru = DiskTier.open(dir, 1_000_000, PolicyName.LRU);
    Path good = store(lru, GOOD);
    Path odd = store(lru, UNPARSEABLE);
    lru.close();

    DiskTier vpop = DiskTier.open(dir, 1_000_000, PolicyName.VPOP);

    assertThat(odd).as("a RuntimeException while indexing is no proof of corruption").exists();
    assertThat(vpop.meta(UNPARSEABLE)).as("skipped, not served").isEmpty();
    assertThat(good).exists();
    assertThat(vpop.meta(GOOD)).isPresent();
    assertThat(vpop.usedBytes()).isEqualTo(Files.size(good));
    vpop.close();
  }

  @Test
  void aFileThatCannotBeReadIsKept() throws IOException {
    DiskTier first = DiskTier.open(dir, 1_000_000, PolicyName.LRU);
    Path object = store(first, GOOD);
    first.close();
    // A socket where the object was: opening it fails (ENXIO), as a passing I/O fault would; root
    // ignores permission bits, so a mode of 000 would not do.
    Files.delete(object);
    try (ServerSocketChannel socket = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      socket.bind(UnixDomainSocketAddress.of(object));

      DiskTier second = DiskTier.open(dir, 1_000_000, PolicyName.LRU);

      assertThat(object).exists();
      assertThat(second.objectCount()).isZero();
      second.close();
    }
  }

  @Test
  void filesThatAreNotTheCachesAreKept() throws IOException {
    Files.createDirectories(dir.resolve("objects/v1"));
    Path note = Files.writeString(dir.resolve("objects/v1/README"), "operator's note");
    Path stray = Files.writeString(dir.resolve("objects/stray.txt"), "not a video directory");
    DiskTier first = DiskTier.open(dir, 1_000_000, PolicyName.LRU);
    Path object = store(first, GOOD);
    first.close();
    Path misnamed =
        Files.move(object, object.resolveSibling("0000000000000000000000000000000000000000.obj"));

    DiskTier second = DiskTier.open(dir, 1_000_000, PolicyName.LRU);

    assertThat(note).exists();
    assertThat(stray).exists();
    assertThat(misnamed).as("a whole object under another name: not proven corrupt").exists();
    assertThat(second.objectCount()).isZero();
    second.close();
  }

  @Test
  void provenDamageIsDeleted_partsTruncatedObjectsAndBadHeaders() throws IOException {
    DiskTier first = DiskTier.open(dir, 1_000_000, PolicyName.LRU);
    Path truncated = store(first, GOOD);
    Path badHeader = store(first, new CacheKey("v1", "720p/seg_00002.m4s"));
    Path empty = store(first, new CacheKey("v1", "720p/seg_00003.m4s"));
    Path kept = store(first, new CacheKey("v1", "720p/seg_00004.m4s"));
    first.close();
    try (RandomAccessFile file = new RandomAccessFile(truncated.toFile(), "rw")) {
      file.setLength(file.length() - 100);
    }
    try (RandomAccessFile file = new RandomAccessFile(badHeader.toFile(), "rw")) {
      file.seek(9); // inside the header's JSON
      file.write("}}}}".getBytes());
    }
    try (RandomAccessFile file = new RandomAccessFile(empty.toFile(), "rw")) {
      file.setLength(0);
    }
    Path part = Files.write(kept.resolveSibling(kept.getFileName() + ".1234.part"), new byte[5000]);

    DiskTier second = DiskTier.open(dir, 1_000_000, PolicyName.LRU);

    assertThat(truncated).doesNotExist();
    assertThat(badHeader).doesNotExist();
    assertThat(empty).doesNotExist();
    assertThat(part).doesNotExist();
    assertThat(kept).exists();
    assertThat(second.objectCount()).isEqualTo(1);
    second.close();
  }

  /** Stores a 10,000-byte object as a fill does and returns its file. */
  private Path store(DiskTier tier, CacheKey key) throws IOException {
    PartFile part =
        tier.reserve(key, new ObjectMeta(key.path(), "video/mp4", "\"e\"", 0, 10_000))
            .orElseThrow();
    part.open();
    part.write(ByteBuffer.allocate(10_000));
    assertThat(tier.commit(part)).isTrue();
    return dir.resolve("objects").resolve(key.videoId()).resolve(key.fileName() + ".obj");
  }
}
