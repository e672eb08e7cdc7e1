package org.telcocdn.raw.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Adds the versioned names the bundled executables link against. JavaCPP extracts {@code libva.so}
 * and {@code libva-drm.so} but only creates the {@code .so.N} links of libraries it loads itself,
 * so the ffmpeg executable (RUNPATH {@code $ORIGIN/}) fails with "libva.so.2: cannot open shared
 * object file". The version is read from the library's own SONAME string.
 */
final class SonameLinks {
  private SonameLinks() {}

  static void complete(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      for (Path lib : files.filter(SonameLinks::unversioned).toList()) link(dir, lib);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot complete library links in " + dir, e);
    }
  }

  private static boolean unversioned(Path file) {
    String name = file.getFileName().toString();
    return name.startsWith("lib")
        && name.endsWith(".so")
        && !name.startsWith("libjni")
        && Files.isRegularFile(file)
        && !Files.isSymbolicLink(file);
  }

  private static void link(Path dir, Path lib) throws IOException {
    String name = lib.getFileName().toString();
    String soname = soname(lib, name);
    if (soname == null) return;
    Path target = dir.resolve(soname);
    if (Files.exists(target)) return;
    try {
      Files.createSymbolicLink(target, lib.getFileName());
    } catch (FileAlreadyExistsException raced) {
      // another process completed it first
    }
  }

  private static String soname(Path lib, String name) throws IOException {
    String text = new String(Files.readAllBytes(lib), StandardCharsets.ISO_8859_1);
    Matcher m = Pattern.compile("\0(" + Pattern.quote(name) + "\\.\\d+)\0").matcher(text);
    List<String> found = m.results().map(r -> r.group(1)).distinct().toList();
    return found.size() == 1 ? found.getFirst() : null;
  }
}
