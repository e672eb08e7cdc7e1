package org.telcocdn.accesslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.testkit.Await;

class AccessLogWriterTest {
  @TempDir Path dir;

  static AccessEvent event(int i) {
    return new AccessEvent(
        1_700_000_000_000L + i,
        "GET",
        "/videos/v"
            + (i % 7)
            + "/720p/seg_"
            + String.format("%05d", i % 30)
            + ".m4s?CMCD=br%3D2800%2Csid%3D%22s"
            + (i % 11)
            + "%22%2Cbl%3Doops",
        "10.1.2.3",
        null,
        200,
        1000 + i,
        i % 3 == 0 ? "MISS" : "HIT",
        50_000,
        400_000);
  }

  private AccessLogWriter writer(Rotation rotation, AtomicLong clock) {
    return new AccessLogWriter(
        dir, "edge-1", "site-a", ClientAddress.MASKED, "salt", rotation, 10_000, null, clock::get);
  }

  @Test
  void rotatesBySizeAndEveryRecordIsReadBackOnce() {
    try (AccessLogWriter w = writer(new Rotation(4096, Duration.ofHours(1)), new AtomicLong())) {
      for (int i = 0; i < 500; i++) assertThat(w.offer(event(i))).isTrue();
    }
    assertThat(LogFiles.list(dir)).hasSizeGreaterThan(5);
    List<AccessRecord> back = readAll(new Offsets());
    assertThat(back).hasSize(500);
    AccessRecord r = back.get(3);
    assertThat(r.content()).isEqualTo("v3");
    assertThat(r.rendition()).isEqualTo("720p");
    assertThat(r.segment()).isEqualTo(3);
    assertThat(r.session()).isEqualTo("s3");
    assertThat(r.client()).isEqualTo("10.1.2.0");
    assertThat(r.cmcd().integer("br")).isEqualTo(2800);
    assertThat(r.cmcd().malformed()).containsExactly("bl");
    assertThat(r.cache()).isEqualTo("MISS");
    assertThat(r.ttfbMicros()).isEqualTo(50);
  }

  @Test
  void rotatesByAgeWhenIdle() throws Exception {
    AtomicLong clock = new AtomicLong(0);
    try (AccessLogWriter w = writer(new Rotation(1 << 20, Duration.ofSeconds(10)), clock)) {
      w.offer(event(1));
      Await.until(Duration.ofSeconds(10), "the first record written", () -> w.written() == 1);
      clock.set(11_000);
      Path first = w.currentFile();
      Await.until(
          Duration.ofSeconds(10),
          "a rotation to a new file",
          () -> {
            w.offer(event(2));
            return w.currentFile() != null && !w.currentFile().equals(first);
          });
    }
    assertThat(LogFiles.list(dir).size()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void resumesFromSavedOffsetsWithoutLossOrRepeat() {
    Path offsetsFile = dir.resolve("state/offsets.json");
    try (AccessLogWriter w = writer(new Rotation(8192, Duration.ofHours(1)), new AtomicLong())) {
      for (int i = 0; i < 300; i++) w.offer(event(i));
    }
    LogTail tail = new LogTail(dir);
    Offsets offsets = new Offsets();
    List<AccessRecord> seen = new ArrayList<>();
    for (LogTail.Chunk c : tail.read(offsets, 10_000)) {
      c.lines().forEach(l -> seen.add(RecordJson.read(l)));
      offsets.advance(c.fileName(), c.nextOffset());
    }
    offsets.save(offsetsFile);
    try (AccessLogWriter w = writer(new Rotation(8192, Duration.ofHours(1)), new AtomicLong())) {
      for (int i = 300; i < 700; i++) w.offer(event(i));
    }
    seen.addAll(readAll(Offsets.load(offsetsFile)));
    assertThat(seen).hasSize(700);
    assertThat(seen.stream().map(AccessRecord::bytes).distinct().count()).isEqualTo(700);
  }

  @Test
  void aHalfWrittenLineWaitsForTheNextRead() throws Exception {
    Path file = dir.resolve("edge-9-20260101T000000Z-000001.jsonl");
    String line =
        RecordJson.line(AccessRecord.from(event(1), "edge-9", "s", ClientAddress.FULL, ""));
    java.nio.file.Files.writeString(file, line + "\n" + line.substring(0, 20));
    Offsets offsets = new Offsets();
    List<LogTail.Chunk> chunks = new LogTail(dir).read(offsets, 1 << 20);
    assertThat(chunks).singleElement().satisfies(c -> assertThat(c.lines()).hasSize(1));
    assertThat(chunks.getFirst().nextOffset()).isEqualTo(line.length() + 1);
  }

  private List<AccessRecord> readAll(Offsets offsets) {
    List<AccessRecord> out = new ArrayList<>();
    for (LogTail.Chunk c : new LogTail(dir).read(offsets, Integer.MAX_VALUE / 2)) {
      c.lines().forEach(l -> out.add(RecordJson.read(l)));
    }
    return out;
  }
}
