package org.telcocdn.urisigning;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Reading and writing a key file. A write goes to a temporary file with the final permissions from
 * the start (a private key is never readable by others, not even for a moment), is forced to disk,
 * and replaces the file by one atomic rename: a service polling the file reads the old set or the
 * new one, never half of one.
 */
final class KeyFile {
  static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
  static final Set<PosixFilePermission> READABLE = PosixFilePermissions.fromString("rw-r--r--");
  private static final Set<PosixFilePermission> SECRETS_DIR =
      PosixFilePermissions.fromString("rwx------");

  private KeyFile() {}

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read key file " + file + ": " + e.getMessage(), e);
    }
  }

  static void write(Path file, String json, Set<PosixFilePermission> permissions) {
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.deleteIfExists(temp);
      Files.createFile(temp, PosixFilePermissions.asFileAttribute(permissions));
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        channel.write(StandardCharsets.UTF_8.encode(json));
        channel.force(true);
      }
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write key file " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The secrets directory, owner-only when this creates it (another part may have made it first).
   */
  static void directory(Path dir) {
    try {
      Files.createDirectories(dir.getParent() == null ? dir : dir.getParent());
      Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(SECRETS_DIR));
    } catch (FileAlreadyExistsException e) {
      // made earlier, by this or by the service certificates' set-up: its permissions are kept
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
    }
  }
}
