package org.telcocdn.cache.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.telcocdn.cache.EdgeConfig;
import org.telcocdn.cache.policy.PolicyName;
import org.telcocdn.common.config.Settings;

/** The disk tier driven by each policy of module cache-policy, through real files. */
class DiskTierPolicyTest {
  private static final int BODY = 10_000;

  @TempDir Path dir;

  private static ObjectMeta meta(String path) {
    return new ObjectMeta(path, "video/mp4", "\"e\"", 0, BODY);
  }

  /**
   * Reserves, writes and commits one object as a fill does; false if the tier would not store it.
   */
  private static boolean store(DiskTier tier, CacheKey key) throws IOException {
    Optional<PartFile> part = tier.reserve(key, meta(key.path()));
    if (part.isEmpty()) return false;
    part.get().open();
    part.get().write(ByteBuffer.allocate(BODY));
    return tier.commit(part.get());
  }

  /** The key of the segment at {@code position} as vid-raw names it: files are numbered from 1. */
  private static CacheKey segment(String video, int position) {
    return new CacheKey(video, String.format("720p/seg_%05d.m4s", position + 1));
  }

  @ParameterizedTest
  @EnumSource(PolicyName.class)
  void staysWithinItsBudgetAndDeletesWhatThePolicyEvicts(PolicyName policy) throws IOException {
    long budget = 5 * (BODY + 200);
    DiskTier tier = DiskTier.open(dir, budget, policy);
    int stored = 0;
    for (int i = 0; i < 40; i++) {
      if (store(tier, segment("v" + i % 4, i % 10))) stored++;
      assertThat(tier.usedBytes() + tier.reservedBytes()).isLessThanOrEqualTo(budget);
    }
    assertThat(stored).isPositive();
    assertThat(tier.objectCount()).isBetween(1, 5);
    try (var files = Files.walk(dir)) {
      assertThat(files.filter(p -> p.toString().endsWith(".obj")).count())
          .isEqualTo(tier.objectCount());
    }
  }

  @Test
  void reopeningReindexesThroughThePolicy() throws IOException {
    DiskTier first = DiskTier.open(dir, 1_000_000, PolicyName.S3FIFO);
    assertThat(store(first, segment("v", 0))).isTrue();
    DiskTier second = DiskTier.open(dir, 1_000_000, PolicyName.VPOP);
    assertThat(second.objectCount()).isEqualTo(1);
    second.remove(segment("v", 0));
    assertThat(second.objectCount()).isZero();
    assertThat(second.usedBytes()).isZero();
  }

  @Test
  void thePolicyComesFromConfigurationAndDefaultsToVpop() {
    assertThat(EdgeConfig.from(Settings.of(java.util.Map.of())).cachePolicy())
        .isEqualTo(PolicyName.VPOP);
    assertThat(
            EdgeConfig.from(Settings.of(java.util.Map.of("edge.cache.policy", "s3fifo")))
                .cachePolicy())
        .isEqualTo(PolicyName.S3FIFO);
  }

  @Test
  void segmentPathsAreParsedForVpop() {
    assertThat(DiskTier.shape(new CacheKey("v", "720p/seg_00042.m4s")).index()).isEqualTo(41);
    assertThat(DiskTier.shape(segment("v", 0)).index()).isZero();
    assertThat(DiskTier.shape(new CacheKey("v", "720p/index.m3u8")).isSegment()).isFalse();
  }
}
