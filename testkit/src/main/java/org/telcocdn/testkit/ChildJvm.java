package org.telcocdn.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A service started as its own JVM, on this test's class path, so that a test can do to it what
 * only a process allows: {@link #kill9()} (SIGKILL: no shutdown hook, nothing flushed) and then
 * look at what it left on disk. {@link #start} returns once the child printed its {@code READY name
 * url} line (every service's {@code ServiceRunner} prints one), with the URL.
 */
public final class ChildJvm implements AutoCloseable {
  private final Process process;
  private final String url;

  private ChildJvm(Process process, String url) {
    this.process = process;
    this.url = url;
  }

  /**
   * Runs {@code mainClass} with {@code -Dkey=value} for each setting; its stderr goes to {@code
   * log}.
   */
  public static ChildJvm start(
      String mainClass, Map<String, String> settings, Path log, Duration ready) {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path")));
    settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.add(mainClass);
    Process process;
    try {
      process = new ProcessBuilder(command).redirectError(log.toFile()).start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + mainClass, e);
    }
    CompletableFuture<String> readyLine = CompletableFuture.supplyAsync(() -> readyUrl(process));
    try {
      return new ChildJvm(process, readyLine.get(ready.toMillis(), TimeUnit.MILLISECONDS));
    } catch (InterruptedException | ExecutionException | TimeoutException e) {
      process.destroyForcibly();
      throw new AssertionError(
          mainClass + " did not print READY within " + ready + " (stderr in " + log + ")", e);
    }
  }

  private static String readyUrl(Process process) {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    try {
      for (String line; (line = out.readLine()) != null; ) {
        if (line.startsWith("READY ")) return line.substring(line.lastIndexOf(' ') + 1);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new IllegalStateException(
        "the child ended without a READY line, exit code " + process.exitValue());
  }

  public String url() {
    return url;
  }

  public long pid() {
    return process.pid();
  }

  /** SIGKILL, then waits until the process is gone: what a crash or an OOM killer does. */
  public void kill9() {
    process.destroyForcibly();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS))
        throw new AssertionError("pid " + process.pid() + " survived SIGKILL");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted waiting for pid " + process.pid(), e);
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) kill9();
  }
}
