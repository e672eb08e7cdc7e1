package org.telcocdn.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Service JVMs started from the JDK's ahead-of-time cache (JEP 483, created in one step as JEP 514
 * allows): the classes a role loaded and linked, and the method profiles it gathered, in its last
 * training run, mapped at start instead of loaded, parsed and verified again. A broker reached
 * {@code /health} with 1.9-2.0 s of CPU instead of 3.1-3.4 s (C1 only: 1.1 s instead of 1.7-1.9 s),
 * three starts each, alternating, load 1.7-4.3; docs/topology.md, "Start-up time".
 *
 * <p>One cache per role and per everything it depends on: the JDK, the classpath and each jar's
 * size and time, and the JVM options (the module graph options decide whether a cache maps at all).
 * The first service of a role with no cache records one: the JVM writes it as it exits ({@code cdn
 * down}, see {@link Supervisor#stop}), to a part file of its own, so that two runs never write one
 * file. A part becomes the cache only once a JVM with the same options maps it with {@code
 * -XX:AOTMode=on} (a torn part, from a process killed while writing, fails that and is deleted). A
 * cache that cannot be used is never fatal: the JVM then starts as it would without.
 *
 * <p>Only for {@code ./cdn}, which says where the caches live ({@code cdn.aot-dir}, beside the
 * build, so a rebuild's new jars make new keys and {@code mvn clean} removes them), and only when
 * every classpath entry is a jar (the JVM archives classes from jars only). {@code CDN_AOT=off}
 * starts every service without.
 */
final class AotCache {
  static final String DIR_PROPERTY = "cdn.aot-dir";

  /** A part younger than this may still be being written by a JVM that is exiting. */
  private static final Duration PART_GRACE = Duration.ofMinutes(10);

  private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(60);

  private final Path dir;
  private final String javaExecutable;
  private final String classpath;
  private final PrintStream out;
  private final Set<String> recording = new HashSet<>();

  AotCache(Path dir, String javaExecutable, String classpath, PrintStream out) {
    this.dir = dir;
    this.javaExecutable = javaExecutable;
    this.classpath = classpath;
    this.out = out;
  }

  /** The cache of this {@code cdn} process, or null when it has none (see the class comment). */
  static AotCache ofThisProcess(PrintStream out) {
    String dir = System.getProperty(DIR_PROPERTY, "");
    if (dir.isBlank() || "off".equalsIgnoreCase(System.getenv("CDN_AOT"))) return null;
    String classpath = System.getProperty("java.class.path");
    if (!allJars(classpath)) return null;
    return new AotCache(Path.of(dir), Launch.javaExecutable(), classpath, out);
  }

  /**
   * The options that start a service of {@code role} with {@code jvmOptions} from its cache, or
   * record one; none when another service of the role is recording it already.
   */
  synchronized List<String> options(String role, List<String> jvmOptions) {
    try {
      Files.createDirectories(dir);
      String name = role + "-" + key(jvmOptions);
      Path cache = dir.resolve(name + ".aot");
      if (Files.isRegularFile(cache) || promotePart(role, name, cache, jvmOptions)) {
        return List.of("-XX:AOTCache=" + cache);
      }
      if (!recording.add(name)) return List.of();
      Path part = dir.resolve(name + ".aot.part-" + ProcessHandle.current().pid());
      out.printf("  %s: no AOT cache for this build yet, recording one as it stops%n", role);
      // The JVM reports what it could not archive as warnings on stdout, which is the service's
      // JSON log: they are expected (classes from signed jars, JFR's events) and not the service's.
      return List.of("-XX:AOTCacheOutput=" + part, "-Xlog:aot*=off", "-Xlog:cds*=off");
    } catch (IOException | UncheckedIOException e) {
      out.printf("  %s: AOT cache not used: %s%n", role, e.getMessage());
      return List.of();
    }
  }

  /**
   * Makes a part that maps the cache; deletes the stale parts that do not, and the stale
   * configuration files a JVM killed while recording leaves behind.
   */
  private boolean promotePart(String role, String name, Path cache, List<String> jvmOptions)
      throws IOException {
    List<Path> parts;
    try (Stream<Path> files = Files.list(dir)) {
      parts =
          files.filter(f -> f.getFileName().toString().startsWith(name + ".aot.part-")).toList();
    }
    for (Path part : parts) {
      if (!part.toString().endsWith(".config") && maps(part, jvmOptions)) {
        Files.move(part, cache, StandardCopyOption.ATOMIC_MOVE);
        deleteOthers(role, name);
        return true;
      }
      if (Files.getLastModifiedTime(part).toInstant().isBefore(Instant.now().minus(PART_GRACE))) {
        Files.deleteIfExists(part);
      }
    }
    return false;
  }

  /** Whether a JVM with these options maps {@code file} ({@code -XX:AOTMode=on} fails if not). */
  private boolean maps(Path file, List<String> jvmOptions) {
    List<String> command = new ArrayList<>(List.of(javaExecutable));
    command.addAll(jvmOptions);
    command.addAll(List.of("-XX:AOTMode=on", "-XX:AOTCache=" + file, "-cp", classpath, "-version"));
    try {
      Process check =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!check.waitFor(CHECK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        check.destroyForcibly();
        return false;
      }
      return check.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * A role keeps one cache: those of an earlier build or other options go once a new one is made,
   * with the configuration files of parts that never became one.
   */
  private void deleteOthers(String role, String name) throws IOException {
    Pattern ours = Pattern.compile(Pattern.quote(role) + "-[0-9a-f]{16}\\.aot(\\.part-.*)?");
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.toList()) {
        String file = f.getFileName().toString();
        if (ours.matcher(file).matches() && !file.equals(name + ".aot")) Files.deleteIfExists(f);
      }
    }
  }

  /** What a cache depends on: the JDK, each jar as it is now, the options. */
  private String key(List<String> jvmOptions) throws IOException {
    StringBuilder identity = new StringBuilder(javaExecutable).append('\n');
    identity.append(System.getProperty("java.vm.version")).append('\n');
    identity.append(String.join(" ", jvmOptions)).append('\n');
    for (String entry : classpath.split(File.pathSeparator)) {
      Path jar = Path.of(entry);
      identity.append(entry).append(' ').append(Files.size(jar)).append(' ');
      identity.append(Files.getLastModifiedTime(jar).toMillis()).append('\n');
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(identity.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is in every JDK", e);
    }
  }

  private static boolean allJars(String classpath) {
    if (classpath == null || classpath.isBlank()) return false;
    for (String entry : classpath.split(File.pathSeparator)) {
      if (!entry.endsWith(".jar") || !Files.isRegularFile(Path.of(entry))) return false;
    }
    return true;
  }
}
