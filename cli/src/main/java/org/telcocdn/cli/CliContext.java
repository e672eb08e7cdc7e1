package org.telcocdn.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What the commands depend on, passed in so that tests run them against a temporary directory and
 * capture their output instead of touching the real working directory and console.
 *
 * @param workDir where relative topology paths (the data directory) are resolved
 * @param samples makes the demo's sample videos
 */
public record CliContext(
    Path workDir,
    PrintStream out,
    PrintStream err,
    HealthProbe probe,
    Supervisor supervisor,
    SampleMaker samples) {
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);

  /** The context of the real {@code cdn} process. */
  public static CliContext system() {
    HealthProbe probe = new HealthProbe();
    return new CliContext(
        Path.of("").toAbsolutePath(),
        System.out,
        System.err,
        probe,
        new Supervisor(probe, STOP_GRACE),
        new FfmpegSamples());
  }
}
