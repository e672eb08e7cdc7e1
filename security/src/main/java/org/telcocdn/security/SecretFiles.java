package org.telcocdn.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes secrets so that nobody but the owner ever reads them: private keys and tokens 0600, their
 * directories 0700. The file is created with its mode (never written first and narrowed after,
 * which leaves a window), then renamed into place, so a reader sees the old file or the whole new
 * one.
 */
public final class SecretFiles {
  private static final Set<PosixFilePermission> OWNER_FILE =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> PUBLIC_FILE =
      PosixFilePermissions.fromString("rw-r--r--");
  private static final Set<PosixFilePermission> OWNER_DIR =
      PosixFilePermissions.fromString("rwx------");
  private static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  private SecretFiles() {}

  /** Creates {@code dir} (and parents) and narrows it to 0700. */
  public static Path directory(Path dir) {
    try {
      Files.createDirectories(dir);
      if (POSIX) Files.setPosixFilePermissions(dir, OWNER_DIR);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the secrets directory " + dir, e);
    }
  }

  /** Writes a secret (a private key, a token): mode 0600. */
  public static void writeSecret(Path file, String content) {
    write(file, content, OWNER_FILE);
  }

  /** Writes what may be read by anyone (a certificate, public keys): mode 0644. */
  public static void writePublic(Path file, String content) {
    write(file, content, PUBLIC_FILE);
  }

  public static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static void write(Path file, String content, Set<PosixFilePermission> mode) {
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.deleteIfExists(temp);
      if (POSIX) Files.createFile(temp, PosixFilePermissions.asFileAttribute(mode));
      Files.writeString(temp, content, StandardCharsets.UTF_8);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
