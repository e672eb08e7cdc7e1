package org.telcocdn.cache.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.telcocdn.cache.EdgeFixture.disk;
import static org.telcocdn.cache.EdgeFixture.fillsRunning;
import static org.telcocdn.cache.EdgeFixture.get;
import static org.telcocdn.cache.EdgeFixture.random;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.cache.EdgeFixture;
import org.telcocdn.cache.EdgeServer;
import org.telcocdn.cache.FakeOrigin;
import org.telcocdn.testkit.Await;

class DiskTierTest {
  /** Memory tier off, so every hit below is a disk hit. */
  private static final Map<String, String> DISK_ONLY = Map.of("edge.memory.max-bytes", "0");

  private static final byte[] SEGMENT = random(200_000, 7);

  @TempDir Path cacheDir;
  private FakeOrigin origin;

  @BeforeEach
  void start() {
    origin = new FakeOrigin().put("v1", "720p/seg_00001.m4s", SEGMENT);
  }

  @AfterEach
  void stop() {
    origin.close();
  }

  @Test
  void budgetNeverExceeded_whileFillingMoreThanTheBudget() {
    long budget = 1_000_000;
    for (int i = 0; i < 12; i++) origin.put("v3", "seg_" + i + ".m4s", random(250_000, i));
    // LRU: the assertions below expect the newest object kept; vpop would refuse a one-off object
    EdgeServer edge =
        EdgeFixture.edge(
            origin.target(),
            cacheDir,
            Map.of(
                "edge.memory.max-bytes",
                "0",
                "edge.disk.max-bytes",
                String.valueOf(budget),
                "edge.cache.policy",
                "lru"));
    try {
      for (int i = 0; i < 12; i++) {
        // The last object is asked for with no fill in flight: on a busy disk several commits can
        // lag
        // behind, and room held by fills still being written makes the tier refuse a new object.
        if (i == 11)
          Await.until(Duration.ofSeconds(5), "the earlier commits", () -> fillsRunning(edge) == 0);
        assertThat(get(edge, "/videos/v3/seg_" + i + ".m4s").body()).hasSize(250_000);
        assertThat(disk(edge).usedBytes() + disk(edge).reservedBytes()).isLessThanOrEqualTo(budget);
        assertThat(bytesOnDisk()).isLessThanOrEqualTo(budget);
      }
      Await.until(Duration.ofSeconds(5), "the last commit", () -> fillsRunning(edge) == 0);
      assertThat(disk(edge).objectCount()).isBetween(1, 3);
      assertThat(get(edge, "/videos/v3/seg_11.m4s").headers().firstValue("X-Cache"))
          .contains("HIT");
      assertThat(get(edge, "/videos/v3/seg_0.m4s").headers().firstValue("X-Cache"))
          .contains("MISS");
    } finally {
      edge.close();
    }
  }

  @Test
  void restart_servesOldObjectsAsHits() {
    EdgeServer first = EdgeFixture.edge(origin.target(), cacheDir, DISK_ONLY);
    get(first, "/videos/v1/720p/seg_00001.m4s");
    first.close();

    EdgeServer second = EdgeFixture.edge(origin.target(), cacheDir, DISK_ONLY);
    try {
      HttpResponse<byte[]> response = get(second, "/videos/v1/720p/seg_00001.m4s");
      assertThat(response.headers().firstValue("X-Cache")).contains("HIT");
      assertThat(response.body()).isEqualTo(SEGMENT);
      assertThat(origin.fetches("v1", "720p/seg_00001.m4s")).isEqualTo(1);
    } finally {
      second.close();
    }
  }

  @Test
  void restart_dropsPartFilesAndTruncatedObjects() throws IOException {
    EdgeServer first = EdgeFixture.edge(origin.target(), cacheDir, DISK_ONLY);
    get(first, "/videos/v1/720p/seg_00001.m4s");
    first.close();
    Path object = objectFiles().getFirst();
    try (RandomAccessFile file = new RandomAccessFile(object.toFile(), "rw")) {
      file.setLength(file.length() - 1000);
    }
    Path part = object.resolveSibling("leftover.part");
    Files.write(part, random(5000, 3));

    EdgeServer second = EdgeFixture.edge(origin.target(), cacheDir, DISK_ONLY);
    try {
      assertThat(part).doesNotExist();
      HttpResponse<byte[]> response = get(second, "/videos/v1/720p/seg_00001.m4s");
      assertThat(response.headers().firstValue("X-Cache")).contains("MISS");
      assertThat(response.body()).isEqualTo(SEGMENT);
      assertThat(origin.fetches("v1", "720p/seg_00001.m4s")).isEqualTo(2);
    } finally {
      second.close();
    }
  }

  /**
   * Sums file sizes while the edge may rename parts: a file gone between listing and size counts 0.
   */
  private long bytesOnDisk() {
    return sizeOf(cacheDir.toFile());
  }

  private static long sizeOf(java.io.File file) {
    java.io.File[] children = file.listFiles();
    if (children == null) return file.length();
    long sum = 0;
    for (java.io.File child : children) sum += sizeOf(child);
    return sum;
  }

  private List<Path> objectFiles() throws IOException {
    try (Stream<Path> files = Files.walk(cacheDir)) {
      return files.filter(p -> p.toString().endsWith(".obj")).toList();
    }
  }
}
