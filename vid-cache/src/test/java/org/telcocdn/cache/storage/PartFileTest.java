package org.telcocdn.cache.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.cache.policy.PolicyName;

/**
 * A fill's part file: invisible until committed, then renamed into place; a short or abandoned one
 * leaves nothing.
 */
class PartFileTest {
  private static final CacheKey KEY = new CacheKey("v1", "720p/seg_00001.m4s");
  private static final ObjectMeta META =
      new ObjectMeta(KEY.path(), "video/mp4", "\"e\"", 0, 10_000);

  @TempDir Path dir;

  @Test
  void aPartIsNoHitUntilCommitted_thenTheObjectIsInPlaceAndNoPartIsLeft() throws IOException {
    DiskTier tier = DiskTier.open(dir, 1_000_000, PolicyName.LRU);
    PartFile part = tier.reserve(KEY, META).orElseThrow();
    part.open();
    part.write(ByteBuffer.allocate(4_000));

    assertThat(tier.lookup(KEY)).isEmpty();
    assertThat(files(".part")).hasSize(1);
    part.write(ByteBuffer.allocate(6_000));
    assertThat(tier.commit(part)).isTrue();

    assertThat(files(".part")).isEmpty();
    assertThat(files(".obj")).hasSize(1);
    tier.lookup(KEY).orElseThrow().release();
    assertThat(tier.reservedBytes()).isZero();
    tier.close();
  }

  @Test
  void aPartShorterThanItsHeaderSaysIsRefusedAndDeleted() throws IOException {
    DiskTier tier = DiskTier.open(dir, 1_000_000, PolicyName.LRU);
    PartFile part = tier.reserve(KEY, META).orElseThrow();
    part.open();
    part.write(ByteBuffer.allocate(9_999));

    assertThat(tier.commit(part)).isFalse();
    assertThat(files("")).noneMatch(Files::isRegularFile);
    assertThat(tier.objectCount()).isZero();
    assertThat(tier.reservedBytes()).isZero();
  }

  @Test
  void anAbandonedPartIsClosedDeletedAndItsRoomGivenBack() throws IOException {
    DiskTier tier = DiskTier.open(dir, 1_000_000, PolicyName.LRU);
    PartFile part = tier.reserve(KEY, META).orElseThrow();
    part.open();
    part.write(ByteBuffer.allocate(1_000));

    tier.abandon(part);

    assertThat(files("")).noneMatch(Files::isRegularFile);
    assertThat(tier.reservedBytes()).isZero();
    assertThat(tier.reserve(KEY, META)).as("the key can be filled again").isPresent();
  }

  private List<Path> files(String suffix) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(p -> p.toString().endsWith(suffix)).filter(Files::isRegularFile).toList();
    }
  }
}
