package org.telcocdn.accesslog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the lines added to a log directory since the given {@link Offsets}. Only whole lines are
 * returned (a line the writer has half flushed waits for the next read), so the offsets always sit
 * at a line boundary and a consumer that saves them after applying a batch resumes exactly there.
 */
public final class LogTail {
  private final Path dir;

  public LogTail(Path dir) {
    this.dir = dir;
  }

  /** Lines of one file from one read, and where the next read of that file starts. */
  public record Chunk(String fileName, List<String> lines, long nextOffset) {}

  /** Up to about {@code maxBytes} of new lines, oldest files first. */
  public List<Chunk> read(Offsets offsets, int maxBytes) {
    List<Chunk> chunks = new ArrayList<>();
    int budget = maxBytes;
    List<Path> files = LogFiles.list(dir);
    offsets.keepOnly(files.stream().map(f -> f.getFileName().toString()).toList());
    for (Path file : files) {
      if (budget <= 0) break;
      Chunk chunk = readFile(file, offsets.of(file), budget);
      if (chunk == null) continue;
      chunks.add(chunk);
      budget -= (int) (chunk.nextOffset() - offsets.of(file));
    }
    return chunks;
  }

  private static Chunk readFile(Path file, long from, int budget) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size <= from) return null;
      int length = (int) Math.min(size - from, Math.max(budget, 64 * 1024));
      ByteBuffer buf = ByteBuffer.allocate(length);
      while (buf.hasRemaining() && ch.read(buf, from + buf.position()) > 0) {
        // read until full or end of file
      }
      byte[] bytes = buf.array();
      int end = lastNewline(bytes, buf.position());
      if (end < 0) return null;
      String text = new String(bytes, 0, end, StandardCharsets.UTF_8);
      List<String> lines = new ArrayList<>();
      for (String line : text.split("\n")) {
        if (!line.isBlank()) lines.add(line);
      }
      return new Chunk(file.getFileName().toString(), lines, from + end + 1);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static int lastNewline(byte[] bytes, int length) {
    for (int i = length - 1; i >= 0; i--) {
      if (bytes[i] == '\n') return i;
    }
    return -1;
  }
}
