package org.telcocdn.accesslog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How much of one edge's access log is kept: files older than {@code maxAge} are deleted, and then
 * the oldest while the edge's files together hold more than {@code maxTotalBytes}. The file being
 * written is never deleted, and only this edge's own files are looked at (edges may share a
 * directory). Analytics reads new lines within seconds, so the budget only has to cover what the
 * batch job mines and what an operator may want to look back at; a reader that falls further behind
 * than the budget loses the oldest records, which it counts as a gap in its offsets.
 */
public record LogRetention(long maxTotalBytes, Duration maxAge) {
  private static final Logger log = LoggerFactory.getLogger(LogRetention.class);
  public static final long DEFAULT_MAX_TOTAL_BYTES = 1L << 30;
  public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(7);

  /** Keeps everything: for tools and tests that manage their own files. */
  public static final LogRetention UNBOUNDED =
      new LogRetention(Long.MAX_VALUE, Duration.ofMillis(Long.MAX_VALUE));

  public LogRetention {
    if (maxTotalBytes < 1)
      throw new IllegalArgumentException("retention bytes must be positive, was " + maxTotalBytes);
    if (maxAge.isNegative() || maxAge.isZero())
      throw new IllegalArgumentException("retention age must be positive, was " + maxAge);
  }

  public static LogRetention defaults() {
    return new LogRetention(DEFAULT_MAX_TOTAL_BYTES, DEFAULT_MAX_AGE);
  }

  /**
   * Deletes what is past the budget among {@code edge}'s files in {@code dir}, oldest first; how
   * many went.
   */
  int prune(Path dir, String edge, Path current, long nowMillis) {
    List<Path> files = new ArrayList<>();
    for (Path file : LogFiles.list(dir)) {
      if (file.getFileName().toString().startsWith(edge + "-") && !file.equals(current))
        files.add(file);
    }
    long total = current == null ? 0 : sizeOf(current);
    for (Path file : files) total += sizeOf(file);
    int deleted = 0;
    for (Path file : files) { // by name: write order, oldest first
      boolean old = nowMillis - modified(file) > maxAge.toMillis();
      if (!old && total <= maxTotalBytes) continue;
      long size = sizeOf(file);
      if (delete(file)) {
        total -= size;
        deleted++;
      }
    }
    return deleted;
  }

  private static long sizeOf(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0;
    }
  }

  private static long modified(Path file) {
    try {
      return Files.getLastModifiedTime(file).toMillis();
    } catch (IOException e) {
      return Long.MAX_VALUE;
    }
  }

  private static boolean delete(Path file) {
    try {
      Files.delete(file);
      return true;
    } catch (NoSuchFileException e) {
      return false;
    } catch (IOException e) {
      log.warn("cannot delete access log {}: {}", file, e.toString());
      return false;
    }
  }
}
