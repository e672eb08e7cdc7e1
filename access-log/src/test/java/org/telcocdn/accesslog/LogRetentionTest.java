package org.telcocdn.accesslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An edge's access log stays within its retention budget, oldest first, and leaves other edges'
 * files alone.
 */
class LogRetentionTest {
  @TempDir Path dir;

  @Test
  void writerKeepsItsFilesWithinTheByteBudget_newestKept() {
    AtomicLong clock = new AtomicLong(1_700_000_000_000L);
    try (AccessLogWriter w =
        new AccessLogWriter(
            dir,
            "edge-1",
            "site-a",
            ClientAddress.MASKED,
            "",
            new Rotation(4096, Duration.ofHours(1)),
            new LogRetention(20_000, Duration.ofDays(1)),
            10_000,
            null,
            clock::get)) {
      for (int i = 0; i < 2000; i++) w.offer(AccessLogWriterTest.event(i));
    }
    List<Path> files = LogFiles.list(dir);
    long total = files.stream().mapToLong(LogRetentionTest::size).sum();
    assertThat(total).isLessThanOrEqualTo(20_000 + 4096 + 1024);
    assertThat(files.getLast().getFileName().toString())
        .endsWith(String.format("%06d", LogFiles.lastSequence(dir, "edge-1")) + ".jsonl");
  }

  @Test
  void oldFilesGo_otherEdgesStay_theCurrentFileStays() throws Exception {
    Path old =
        Files.writeString(dir.resolve(LogFiles.name("edge-1", "20260101T000000Z", 1)), "{}\n");
    Path recent =
        Files.writeString(dir.resolve(LogFiles.name("edge-1", "20260102T000000Z", 2)), "{}\n");
    Path current =
        Files.writeString(dir.resolve(LogFiles.name("edge-1", "20260103T000000Z", 3)), "{}\n");
    Path otherEdge =
        Files.writeString(dir.resolve(LogFiles.name("edge-10", "20260101T000000Z", 1)), "{}\n");
    long now = 1_800_000_000_000L;
    for (Path p : List.of(old, otherEdge, current))
      Files.setLastModifiedTime(p, FileTime.fromMillis(now - Duration.ofDays(30).toMillis()));
    Files.setLastModifiedTime(recent, FileTime.fromMillis(now - Duration.ofHours(1).toMillis()));

    int deleted = new LogRetention(1 << 20, Duration.ofDays(7)).prune(dir, "edge-1", current, now);

    assertThat(deleted).isEqualTo(1);
    assertThat(LogFiles.list(dir)).containsExactlyInAnyOrder(recent, current, otherEdge);
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
