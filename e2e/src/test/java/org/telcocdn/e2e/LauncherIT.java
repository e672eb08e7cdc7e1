package org.telcocdn.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code cdn} launcher's build decision, run for real (bash) on a copy of the script in a fresh
 * "clone": next to it a Maven wrapper that records what it was asked to build and writes the
 * outputs a build would (the jar and {@code classpath.txt} of each module in {@code -pl}), and a
 * JDK whose {@code java} records the command line it was given. A user never types a Maven command,
 * so the launcher must build what each command runs on: the cli module for every command, the batch
 * module too for {@code cdn batch} (it is kept off the services' classpath because of Spark).
 */
class LauncherIT {
  private static final Path SCRIPT =
      Path.of(System.getProperty("user.dir")).getParent().resolve("cdn");

  /** Every command of {@code cdn --help} but batch and test (test runs Maven itself). */
  private static final List<String> OTHER_COMMANDS =
      List.of("up", "ps", "down", "ingest", "demo", "index", "sim-cache", "gen-trace", "sim-site");

  @TempDir Path repo;

  @BeforeEach
  void freshClone() throws IOException {
    assertThat(SCRIPT).as("the launcher at the repository root").isRegularFile();
    Files.copy(SCRIPT, repo.resolve("cdn"));
    executable(repo.resolve("cdn"));
    Files.writeString(repo.resolve("pom.xml"), "<project/>");
    for (String module : List.of("common", "cli", "batch")) {
      Files.createDirectories(repo.resolve(module + "/src/main/java"));
      Files.writeString(repo.resolve(module + "/pom.xml"), "<project/>");
      Files.writeString(repo.resolve(module + "/src/main/java/A.java"), "class A {}");
    }
    script(
        "mvnw",
        """
        #!/usr/bin/env bash
        echo "$*" >> mvnw.calls
        while (($#)); do [[ "$1" == -pl ]] && modules="$2"; shift; done
        IFS=, read -ra list <<< "$modules"
        for m in "${list[@]}"; do
          mkdir -p "$m/target" && touch "$m/target/$m-0.1.0-SNAPSHOT.jar" && echo "/m2/$m-deps.jar" > "$m/target/classpath.txt"
        done
        """);
    script(
        "jdk/bin/java",
        """
        #!/usr/bin/env bash
        if [[ "$1" == -XshowSettings:properties ]]; then echo "    java.specification.version = 25" >&2; exit 0; fi
        echo "$*" >> "$(dirname "$0")/../../java.calls"
        """);
  }

  @Test
  void batchOnAFreshClone_buildsTheBatchModule_thenRunsTheJob() throws Exception {
    assertThat(cdn("batch", "popularity", "--output", "out")).isZero();

    assertThat(mavenCalls())
        .singleElement()
        .satisfies(
            call -> {
              assertThat(call).contains("install", "-DskipTests", "-am");
              assertThat(modulesBuilt(call)).containsExactlyInAnyOrder("cli", "batch");
            });
    assertThat(javaCalls())
        .singleElement()
        .asString()
        .endsWith("org.telcocdn.cli.Cdn batch popularity --output out");
  }

  @Test
  void batchAfterOtherCommands_buildsOnlyTheBatchModule() throws Exception {
    assertThat(cdn("ps")).isZero();
    assertThat(cdn("batch", "popularity", "--output", "out")).isZero();

    assertThat(mavenCalls()).hasSize(2);
    assertThat(modulesBuilt(mavenCalls().get(1))).containsExactly("batch");
  }

  @Test
  void everyOtherCommand_buildsTheCliAlone_once() throws Exception {
    for (String command : OTHER_COMMANDS) {
      assertThat(cdn(command)).as(command).isZero();
    }
    assertThat(mavenCalls())
        .as("one build, on first use")
        .singleElement()
        .satisfies(call -> assertThat(modulesBuilt(call)).containsExactly("cli"));
    assertThat(javaCalls()).hasSize(OTHER_COMMANDS.size());
    assertThat(repo.resolve("batch/target")).doesNotExist();
  }

  @Test
  void batchBuildsAgain_onlyWhenASourceChanged() throws Exception {
    assertThat(cdn("batch", "popularity", "--output", "out")).isZero();
    assertThat(cdn("batch", "popularity", "--output", "out")).isZero();
    assertThat(mavenCalls()).as("nothing changed: no second build").hasSize(1);

    Files.setLastModifiedTime(
        repo.resolve("batch/src/main/java/A.java"), FileTime.from(Instant.now().plusSeconds(5)));
    assertThat(cdn("batch", "popularity", "--output", "out")).isZero();
    assertThat(mavenCalls()).hasSize(2);
    assertThat(modulesBuilt(mavenCalls().get(1))).contains("batch");
  }

  @Test
  void skipBuild_runsWhatWasBuiltLast() throws Exception {
    assertThat(cdn("batch", "popularity", "--output", "out")).isZero();
    Files.setLastModifiedTime(
        repo.resolve("batch/src/main/java/A.java"), FileTime.from(Instant.now().plusSeconds(5)));

    assertThat(cdn(List.of("CDN_SKIP_BUILD=1"), "batch", "popularity", "--output", "out")).isZero();
    assertThat(mavenCalls()).hasSize(1);
    assertThat(javaCalls()).hasSize(2);
  }

  @Test
  void aFailedBuild_runsNothing_andBuildsAgainNextTime() throws Exception {
    script(
        "mvnw",
        """
        #!/usr/bin/env bash
        echo "$*" >> mvnw.calls
        exit 1
        """);
    assertThat(cdn("batch", "popularity", "--output", "out")).isEqualTo(1);
    assertThat(cdn("batch", "popularity", "--output", "out")).isEqualTo(1);
    assertThat(mavenCalls()).hasSize(2);
    assertThat(javaCalls()).isEmpty();
  }

  private int cdn(String... args) throws Exception {
    return cdn(List.of(), args);
  }

  /** Runs the copied launcher with {@code NAME=VALUE} environment entries; its exit code. */
  private int cdn(List<String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("bash", repo.resolve("cdn").toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(repo.toFile())
            .redirectErrorStream(true)
            .redirectOutput(
                ProcessBuilder.Redirect.appendTo(repo.resolve("launcher.out").toFile()));
    builder.environment().remove("CDN_SKIP_BUILD");
    builder.environment().put("JAVA_HOME", repo.resolve("jdk").toString());
    env.forEach(
        e ->
            builder
                .environment()
                .put(e.substring(0, e.indexOf('=')), e.substring(e.indexOf('=') + 1)));
    Process p = builder.start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("the launcher finished").isTrue();
    return p.exitValue();
  }

  private List<String> mavenCalls() throws IOException {
    return lines("mvnw.calls");
  }

  private List<String> javaCalls() throws IOException {
    return lines("java.calls");
  }

  private List<String> lines(String file) throws IOException {
    Path path = repo.resolve(file);
    return Files.exists(path) ? Files.readAllLines(path) : List.of();
  }

  private static List<String> modulesBuilt(String mavenCall) {
    String[] words = mavenCall.split(" ");
    for (int i = 0; i + 1 < words.length; i++) {
      if (words[i].equals("-pl")) return List.of(words[i + 1].split(","));
    }
    return List.of();
  }

  private void script(String path, String text) throws IOException {
    Path file = repo.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    executable(file);
  }

  private static void executable(Path file) throws IOException {
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
