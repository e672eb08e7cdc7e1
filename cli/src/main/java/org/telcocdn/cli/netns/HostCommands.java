package org.telcocdn.cli.netns;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Runs {@link HostCommand}s: the real one starts processes; tests record what they would run. */
public interface HostCommands {
  /**
   * Runs the command to its end.
   *
   * @throws IllegalStateException naming the command and its output when it exits non-zero
   */
  void run(HostCommand command);

  /** Runs the command, ignoring its exit code (tear-down, where a part may be gone already). */
  void runIgnoringErrors(HostCommand command);

  static HostCommands processes() {
    return new HostCommands() {
      @Override
      public void run(HostCommand command) {
        Result r = execute(command);
        if (r.exit != 0)
          throw new IllegalStateException(
              "`" + command + "` exited with " + r.exit + ": " + r.output.strip());
      }

      @Override
      public void runIgnoringErrors(HostCommand command) {
        execute(command);
      }
    };
  }

  /** An exit code with what the command printed on stdout and stderr together. */
  record Result(int exit, String output) {}

  private static Result execute(HostCommand command) {
    try {
      Process p = new ProcessBuilder(command.argv()).redirectErrorStream(true).start();
      try (OutputStream in = p.getOutputStream()) {
        in.write(command.stdin().getBytes(StandardCharsets.UTF_8));
      }
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("`" + command.argv() + "` did not finish within 60 s");
      }
      return new Result(p.exitValue(), output);
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot run "
              + command.argv().getFirst()
              + ": "
              + e.getMessage()
              + " (docs/topology.md lists what the simulated network needs: iproute2, nftables)",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command.argv(), e);
    }
  }
}
