package org.telcocdn.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts service processes and stops them by pid. Stopping is SIGTERM first (each service's
 * shutdown hook deregisters and flushes), then SIGKILL after a grace period; descendants (e.g. an
 * FFmpeg the origin runs) are included, because killing only the JVM would orphan them.
 */
public final class Supervisor {
  private static final Duration POLL = Duration.ofMillis(100);
  private static final Duration RECORDING_GRACE = Duration.ofSeconds(60);
  private final HealthProbe probe;
  private final Duration grace;

  public Supervisor(HealthProbe probe, Duration grace) {
    this.probe = probe;
    this.grace = grace;
  }

  /** Starts the process, its stdout and stderr appended to the launch's log file. */
  public Process start(Launch launch) {
    try {
      Files.createDirectories(launch.log().getParent());
      ProcessBuilder builder =
          new ProcessBuilder(launch.command())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(launch.log().toFile()))
              .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
      builder.environment().putAll(launch.env());
      return builder.start();
    } catch (IOException e) {
      throw CliException.runtime(launch.name() + " cannot be started: " + e.getMessage());
    }
  }

  /**
   * Waits until {@code /health} answers 200. Fails early when the process exits, and names the log
   * to read either way, since the reason is in there.
   */
  public void awaitHealthy(Process process, Launch launch, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!probe.healthy(launch.url(), launch.ca())) {
      if (!process.isAlive()) {
        throw CliException.runtime(
            launch.name()
                + " exited with code "
                + process.exitValue()
                + " before it was healthy"
                + lastWords(launch.log())
                + "; read "
                + launch.log());
      }
      if (System.nanoTime() > deadline) {
        throw CliException.runtime(
            launch.name()
                + " was not healthy at "
                + launch.url()
                + "/health within "
                + timeout.toSeconds()
                + " s; read "
                + launch.log());
      }
      pause();
    }
  }

  /**
   * The reason a service gave for not starting: the last line of its log that is not a JSON log
   * record or a JVM warning, which is what {@code ServiceRunner} prints on stderr ("vid-raw: failed
   * to start: ..."), so the user sees it without opening the log.
   */
  static String lastWords(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      for (int i = lines.size() - 1; i >= 0; i--) {
        String line = lines.get(i).strip();
        if (line.isEmpty()
            || line.startsWith("{")
            || line.startsWith("WARNING:")
            || line.startsWith("at ")) continue;
        return ": " + (line.length() > 400 ? line.substring(0, 400) + "…" : line);
      }
    } catch (IOException | RuntimeException e) {
      // no log to quote: the message still names the file
    }
    return "";
  }

  /** Stops tier after tier, each tier's processes together (see {@link RunState#stopOrder()}). */
  public void stopInOrder(List<List<ProcessHandle>> tiers) {
    tiers.forEach(this::stop);
  }

  /** Stops every given process tree, all at once so that the grace periods overlap. */
  public void stop(List<ProcessHandle> roots) {
    List<ProcessHandle> all = new ArrayList<>();
    for (ProcessHandle root : roots) {
      all.addAll(root.descendants().toList());
      all.add(root);
    }
    all.forEach(ProcessHandle::destroy);
    long start = System.nanoTime();
    for (ProcessHandle handle : all) {
      if (!awaitExit(handle, start + graceFor(handle).toNanos())) handle.destroyForcibly();
    }
    for (ProcessHandle handle : all) awaitExit(handle, System.nanoTime() + grace.toNanos());
  }

  /**
   * A JVM recording its AOT cache writes it as it exits, which took 5 s for a broker on a quiet
   * machine: killed before the end, its cache is lost and the next run records again ({@link
   * AotCache}).
   */
  private Duration graceFor(ProcessHandle handle) {
    boolean recording =
        handle
            .info()
            .arguments()
            .map(args -> Arrays.stream(args).anyMatch(a -> a.startsWith("-XX:AOTCacheOutput=")))
            .orElse(false);
    return recording && RECORDING_GRACE.compareTo(grace) > 0 ? RECORDING_GRACE : grace;
  }

  private static boolean awaitExit(ProcessHandle handle, long deadline) {
    long left = Math.max(0, deadline - System.nanoTime());
    try {
      handle.onExit().get(left, TimeUnit.NANOSECONDS);
      return true;
    } catch (TimeoutException | ExecutionException e) {
      return !handle.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !handle.isAlive();
    }
  }

  private static java.io.File nullDevice() {
    return new java.io.File(
        System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
  }

  private static void pause() {
    try {
      Thread.sleep(POLL);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CliException.runtime("interrupted while waiting for a service to become healthy");
    }
  }
}
