package org.telcocdn.cli;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cdn batch popularity}: runs the Spark job of the batch module in a child JVM on that
 * module's own classpath ({@code batch/target/classpath.txt}), so Spark never joins the services'
 * classpath; the launcher script builds that module first when it is missing or stale. {@code
 * --print} shows the equivalent {@code spark-submit} line for a cluster instead.
 */
@Command(
    name = "batch",
    mixinStandardHelpOptions = true,
    description = "Run a batch job over the edge access logs (Apache Spark, local[*] by default).")
final class BatchCommand implements Callable<Integer> {
  private static final String JOB = "org.telcocdn.batch.PopularityJob";
  private final CliContext context;

  @Parameters(index = "0", description = "The job: popularity.")
  String job;

  @Option(
      names = "--input",
      defaultValue = ".cdn/logs/access",
      description = "Log directory (the edges' edge.access-log.dir).")
  Path input;

  @Option(
      names = "--output",
      required = true,
      description = "Where the Parquet tables and summary.json go.")
  Path output;

  @Option(names = "--top", defaultValue = "10")
  int top;

  @Option(names = "--master", description = "Spark master; default local[*].")
  String master;

  @Option(names = "--print", description = "Print the spark-submit command instead of running.")
  boolean print;

  BatchCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (!"popularity".equals(job))
      throw CliException.usage("unknown batch job '" + job + "', expected popularity");
    Path batch = batchModule();
    Path classpathFile = batch.resolve("target/classpath.txt");
    Path jar = jobJar(batch);
    if (!Files.exists(classpathFile) || jar == null) {
      throw CliException.runtime(
          "the batch module is not built in "
              + batch
              + "; run `cdn batch` through the ./cdn"
              + " launcher, which builds it (without CDN_SKIP_BUILD=1)");
    }
    List<String> jobArgs =
        List.of(
            "--input",
            context.workDir().resolve(input).toString(),
            "--output",
            context.workDir().resolve(output).toString(),
            "--top",
            Integer.toString(top));
    String classpath = Files.readString(classpathFile).strip();
    if (print) {
      // the job jar is not a fat jar: our own modules go along with --jars, Spark brings the rest.
      // They are
      // in the Maven repository, or in their modules' target directories when built in one reactor
      // with batch
      Path root = batch.toAbsolutePath().getParent();
      String ours =
          String.join(
              ",",
              Arrays.stream(classpath.split(":"))
                  .filter(
                      p ->
                          p.contains("/org/telcocdn/")
                              || Path.of(p).toAbsolutePath().startsWith(root))
                  .toList());
      context
          .out()
          .println(
              "spark-submit --class "
                  + JOB
                  + (master == null ? "" : " --master " + master)
                  + (ours.isEmpty() ? "" : " --jars " + ours)
                  + " "
                  + jar
                  + " "
                  + String.join(" ", jobArgs));
      return 0;
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions(batch));
    command.add("-DCDN_LOG_LEVEL=" + System.getProperty("CDN_LOG_LEVEL", "WARN"));
    command.addAll(List.of("-cp", jar + ":" + classpath, JOB));
    command.addAll(jobArgs);
    if (master != null) command.addAll(List.of("--master", master));
    Process p = new ProcessBuilder(command).inheritIO().start();
    return p.waitFor() == 0 ? 0 : CliException.RUNTIME;
  }

  /** Spark's --add-opens list for JDK 17+, as the batch build wrote it. */
  private static List<String> jvmOptions(Path batch) throws IOException {
    Path file = batch.resolve("target/classes/spark-jvm-options.txt");
    if (!Files.exists(file)) return List.of();
    return Arrays.stream(Files.readString(file).strip().split("\\s+"))
        .filter(s -> !s.isBlank())
        .toList();
  }

  private static Path jobJar(Path batch) throws IOException {
    Path target = batch.resolve("target");
    if (!Files.isDirectory(target)) return null;
    try (var files = Files.list(target)) {
      return files
          .filter(
              f ->
                  f.getFileName().toString().matches("batch-.*\\.jar")
                      && !f.toString().contains("sources"))
          .findFirst()
          .orElse(null);
    }
  }

  /** The repository's batch directory: next to the cli module this class was loaded from. */
  private static Path batchModule() {
    String home = System.getenv("CDN_BATCH_HOME");
    if (home != null && !home.isBlank()) return Path.of(home);
    try {
      Path location =
          Path.of(BatchCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      // cli/target/cli-*.jar or cli/target/classes → the repository root is three levels up
      return location.getParent().getParent().getParent().resolve("batch");
    } catch (URISyntaxException | RuntimeException e) {
      return Path.of("batch");
    }
  }
}
