package org.telcocdn.raw.media;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs ffmpeg or ffprobe to completion within a deadline. Stdout is kept whole (ffprobe's JSON),
 * stderr only as its last lines, because ffmpeg's progress output grows with the video while the
 * reason for a failure is always at the end. A run past its deadline or interrupted is killed.
 */
final class ChildProcess {
  private static final int TAIL_LINES = 20;

  /** What a finished process left behind. */
  record Result(int exitCode, String stdout, String stderrTail) {
    boolean ok() {
      return exitCode == 0;
    }
  }

  private ChildProcess() {}

  static Result run(List<String> command, Duration timeout)
      throws IOException, ProcessTimeoutException {
    return run(command, ProcessPriority.UNCHANGED, timeout);
  }

  /**
   * Runs {@code command} at {@code priority} (see {@link ProcessPriority}); messages name the
   * command.
   */
  static Result run(List<String> command, ProcessPriority priority, Duration timeout)
      throws IOException, ProcessTimeoutException {
    Process process =
        new ProcessBuilder(priority.wrap(command))
            .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
            .start();
    try {
      Deque<String> tail = new ArrayDeque<>();
      Thread errReader = Thread.ofVirtual().start(() -> readTail(process.getErrorStream(), tail));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      Thread outReader = Thread.ofVirtual().start(() -> copy(process.getInputStream(), out));
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new ProcessTimeoutException(command.getFirst() + " did not finish within " + timeout);
      }
      outReader.join(Duration.ofSeconds(5));
      errReader.join(Duration.ofSeconds(5));
      String stderr;
      synchronized (tail) {
        stderr = String.join("\n", tail);
      }
      String stdout;
      synchronized (out) {
        stdout = out.toString(StandardCharsets.UTF_8);
      }
      return new Result(process.exitValue(), stdout, stderr);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running " + command.getFirst(), e);
    } finally {
      if (process.isAlive()) process.destroyForcibly();
    }
  }

  private static void readTail(InputStream stream, Deque<String> tail) {
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        synchronized (tail) {
          tail.addLast(line);
          if (tail.size() > TAIL_LINES) tail.removeFirst();
        }
      }
    } catch (IOException ignored) {
      // the process was killed; the tail so far is what we report
    }
  }

  private static void copy(InputStream stream, ByteArrayOutputStream out) {
    byte[] buffer = new byte[8192];
    try (stream) {
      for (int n = stream.read(buffer); n >= 0; n = stream.read(buffer)) {
        synchronized (out) {
          out.write(buffer, 0, n);
        }
      }
    } catch (IOException ignored) {
      // the process was killed; what was read so far is all there is
    }
  }

  private static java.io.File nullDevice() {
    return new java.io.File("/dev/null");
  }

  /** The process ran past its deadline and was killed. */
  static final class ProcessTimeoutException extends Exception {
    ProcessTimeoutException(String message) {
      super(message);
    }
  }
}
