package org.telcocdn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real JVMs recording and mapping AOT caches of a one-class jar. */
class AotCacheIT {
  private static final List<String> OPTIONS = List.of("-XX:+UseSerialGC");

  @TempDir Path dir;
  private Path caches;
  private Path jar;
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

  @BeforeEach
  void aJar() throws IOException {
    caches = dir.resolve("aot");
    jar = helloJar(dir);
  }

  @Test
  void theFirstServiceOfARoleRecords_andTheNextRunStartsFromTheCache() throws Exception {
    AotCache first = cache();
    List<String> recording = first.options("svc", OPTIONS);
    assertThat(recording).anyMatch(o -> o.startsWith("-XX:AOTCacheOutput="));
    assertThat(first.options("svc", OPTIONS)).as("one recorder per role").isEmpty();
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("svc: no AOT cache");

    run(recording);

    List<String> next = cache().options("svc", OPTIONS);
    assertThat(next).singleElement().asString().startsWith("-XX:AOTCache=").endsWith(".aot");
    assertThat(files()).singleElement().asString().matches("svc-[0-9a-f]{16}\\.aot");
    assertThat(run(next)).isZero();
  }

  @Test
  void aTornPartIsNeverUsed_andGoesOnceStale() throws Exception {
    AotCache first = cache();
    String part = option(first.options("svc", OPTIONS), "-XX:AOTCacheOutput=");
    Files.write(Path.of(part), new byte[4096]);

    List<String> again = cache().options("svc", OPTIONS);
    assertThat(again)
        .as("records again, the young part kept")
        .anyMatch(o -> o.startsWith("-XX:AOTCacheOutput="));
    assertThat(Files.exists(Path.of(part))).isTrue();

    Files.setLastModifiedTime(
        Path.of(part), FileTime.from(Instant.now().minus(Duration.ofHours(1))));
    cache().options("svc", OPTIONS);
    assertThat(Files.exists(Path.of(part))).isFalse();
  }

  @Test
  void otherOptionsOrJars_makeAnotherCache_andARoleNamedLikeAPrefixKeepsItsOwn() throws Exception {
    run(cache().options("vid-cache-broker", OPTIONS));
    run(cache().options("vid-cache", OPTIONS));
    cache().options("vid-cache-broker", OPTIONS);
    cache().options("vid-cache", OPTIONS);

    assertThat(files()).hasSize(2);
    assertThat(cache().options("vid-cache", List.of("-XX:+UseSerialGC", "-Xmx256m")))
        .as("other options: a new recording")
        .anyMatch(o -> o.startsWith("-XX:AOTCacheOutput="));

    Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(5)));
    assertThat(cache().options("vid-cache-broker", OPTIONS))
        .as("a rebuilt jar: a new recording")
        .anyMatch(o -> o.startsWith("-XX:AOTCacheOutput="));
  }

  private AotCache cache() {
    return new AotCache(caches, Launch.javaExecutable(), jar.toString(), new PrintStream(printed));
  }

  private List<String> files() throws IOException {
    try (Stream<Path> list = Files.list(caches)) {
      return list.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** Runs the jar's main with {@code aotOptions}, as a service would; its exit code. */
  private int run(List<String> aotOptions) throws Exception {
    List<String> command = new ArrayList<>(List.of(Launch.javaExecutable()));
    command.addAll(OPTIONS);
    command.addAll(aotOptions);
    command.addAll(List.of("-cp", jar.toString(), "Hello"));
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return process.exitValue();
  }

  private static String option(List<String> options, String prefix) {
    return options.stream()
        .filter(o -> o.startsWith(prefix))
        .findFirst()
        .orElseThrow()
        .substring(prefix.length());
  }

  private static Path helloJar(Path dir) throws IOException {
    Path source =
        Files.writeString(
            dir.resolve("Hello.java"),
            """
        public class Hello {
          public static void main(String[] args) {
            System.out.println(new java.util.TreeMap<>(java.util.Map.of("a", 1)));
          }
        }
        """);
    int compiled =
        ToolProvider.getSystemJavaCompiler()
            .run(
                null,
                OutputStream.nullOutputStream(),
                null,
                "-d",
                dir.toString(),
                source.toString());
    assertThat(compiled).isZero();
    Path jar = dir.resolve("hello.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry("Hello.class"));
      out.write(Files.readAllBytes(dir.resolve("Hello.class")));
      out.closeEntry();
    }
    return jar;
  }
}
