package org.telcocdn.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/** Runs {@code cdn} command lines in a working directory, capturing stdout and stderr. */
final class Console {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final CliContext context;

  Console(Path workDir, SampleMaker samples) {
    HealthProbe probe = new HealthProbe();
    context =
        new CliContext(
            workDir,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            probe,
            new Supervisor(probe, Duration.ofSeconds(5)),
            samples);
  }

  /** A console for commands that must not make demo samples: making one fails the test. */
  static Console withoutSamples(Path workDir) {
    return new Console(
        workDir,
        (dir, sample, w, h) -> {
          throw new AssertionError("no samples here");
        });
  }

  int run(String... args) {
    out.reset();
    err.reset();
    return Cdn.run(context, args);
  }

  CliContext context() {
    return context;
  }

  String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  String err() {
    return err.toString(StandardCharsets.UTF_8);
  }
}
