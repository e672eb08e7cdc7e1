package org.telcocdn.common.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes that survive a crash of the machine, not only of the process. A rename is atomic, but
 * without an fsync of the file before it the new name can point at a file whose blocks were never
 * written (ext4 and XFS may order the rename first), and without an fsync of the directory after it
 * the rename itself can be lost: after a power cut the store holds the old file, an empty one, or
 * none. So: write, fsync the file, rename, fsync the directory (what SQLite, PostgreSQL and Kafka
 * do).
 *
 * <p>Directories are opened read-only for their fsync, which Linux allows; where a platform refuses
 * to open a directory, that fsync is skipped (the file's own is still done).
 */
public final class DurableFiles {
  private DurableFiles() {}

  /**
   * Replaces {@code target} with {@code bytes} all at once: the old content or the new, never part.
   */
  public static void replace(Path target, byte[] bytes) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path temporary = dir.resolve(target.getFileName() + ".tmp");
    try (FileChannel channel =
        FileChannel.open(
            temporary,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) channel.write(buffer);
      channel.force(true);
    }
    Files.move(
        temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    syncDirectory(dir);
  }

  /** Flushes one regular file's bytes and metadata to the device. */
  public static void syncFile(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  /** Flushes a directory's entries (creations, renames, deletions in it) to the device. */
  public static void syncDirectory(Path dir) throws IOException {
    FileChannel channel;
    try {
      channel = FileChannel.open(dir, StandardOpenOption.READ);
    } catch (IOException e) {
      return; // a platform that cannot open a directory cannot fsync one either
    }
    try (channel) {
      channel.force(true);
    }
  }

  /**
   * Flushes every file under {@code root}, then every directory from the deepest up to {@code
   * root}: what a directory about to be published by a rename needs, so that the name never leads
   * to a tree with missing or empty files. Symbolic links are not followed.
   */
  public static void syncTree(Path root) throws IOException {
    List<Path> all;
    try (Stream<Path> walk = Files.walk(root)) {
      all = walk.sorted(Comparator.comparingInt(Path::getNameCount).reversed()).toList();
    }
    for (Path p : all) {
      if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) syncFile(p);
    }
    for (Path p : all) {
      if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) syncDirectory(p);
    }
  }
}
