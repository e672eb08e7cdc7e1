package org.telcocdn.raw.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Small shell launchers next to the bundled executables. The executables find their direct
 * libraries through RUNPATH {@code $ORIGIN/}, but the libraries themselves have no RUNPATH, so
 * their own dependencies (libavutil needs {@code libva.so.2}) are only found with {@code
 * LD_LIBRARY_PATH}. A launcher sets it and {@code exec}s the binary, so every caller (the origin,
 * the CLI, tests that use ffmpeg as a player) can run the path it gets without knowing this, and
 * killing the launcher's process kills ffmpeg itself.
 */
final class Launchers {
  private Launchers() {}

  static Path of(Path binary) {
    Path dir = binary.getParent();
    Path launcher = dir.resolve("telcocdn-" + binary.getFileName());
    String script =
        "#!/bin/sh\n"
            + "LD_LIBRARY_PATH='"
            + dir
            + "'${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}\n"
            + "export LD_LIBRARY_PATH\n"
            + "exec '"
            + binary
            + "' \"$@\"\n";
    try {
      if (Files.isExecutable(launcher)
          && Files.readString(launcher, StandardCharsets.UTF_8).equals(script)) return launcher;
      Path partial = Files.createTempFile(dir, ".launcher-", ".sh");
      Files.writeString(partial, script, StandardCharsets.UTF_8);
      Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rwxr-xr-x"));
      Files.move(
          partial, launcher, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return launcher;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a launcher for " + binary, e);
    }
  }
}
