package org.telcocdn.accesslog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The naming of access log files, {@code {edge}-{stamp}-{seq}.jsonl}, and listing them in order.
 */
public final class LogFiles {
  public static final String SUFFIX = ".jsonl";

  private LogFiles() {}

  static String name(String edge, String stamp, int seq) {
    return edge + "-" + stamp + "-" + String.format("%06d", seq) + SUFFIX;
  }

  /** Every log file under {@code dir} (one level), by name, which is write order per edge. */
  public static List<Path> list(Path dir) {
    if (!Files.isDirectory(dir)) return List.of();
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  /**
   * The highest sequence number among {@code edge}'s files, 0 when none: a restart continues after
   * it.
   */
  static int lastSequence(Path dir, String edge) {
    int last = 0;
    for (Path p : list(dir)) {
      String name = p.getFileName().toString();
      if (!name.startsWith(edge + "-")) continue;
      String base = name.substring(0, name.length() - SUFFIX.length());
      int dash = base.lastIndexOf('-');
      try {
        last = Math.max(last, Integer.parseInt(base.substring(dash + 1)));
      } catch (NumberFormatException e) {
        // not one of ours
      }
    }
    return last;
  }
}
