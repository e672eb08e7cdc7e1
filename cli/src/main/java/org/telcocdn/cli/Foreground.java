package org.telcocdn.cli;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * A cluster attached to this process: Ctrl-C (the JVM's shutdown hook) stops every process it
 * started and removes the state file, like {@code docker compose up} without {@code -d}. The hook
 * is installed before the first service starts, so Ctrl-C during start-up cleans up too.
 */
final class Foreground {
  private final Cluster cluster;
  private final PrintStream out;
  private final Thread hook;
  private volatile boolean stopping;

  Foreground(Cluster cluster, PrintStream out) {
    this.cluster = cluster;
    this.out = out;
    this.hook = new Thread(this::shutdown, "cdn-stop");
  }

  RunState up() {
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      RunState state = cluster.up();
      state
          .services()
          .forEach(s -> s.process().ifPresent(p -> p.onExit().thenRun(() -> reportExit(s))));
      return state;
    } catch (RuntimeException e) {
      removeHook();
      throw e;
    }
  }

  /** Blocks until the JVM shuts down (Ctrl-C or SIGTERM), when the hook stops the services. */
  void await() {
    try {
      new CountDownLatch(1).await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A service dying on its own is worth a line; one stopped by us or by `cdn down` is expected. */
  private void reportExit(RunningService service) {
    if (!stopping)
      out.println(
          "! " + service.name() + " (pid " + service.pid() + ") exited; read " + service.log());
  }

  private void shutdown() {
    stopping = true;
    out.println();
    out.println("Stopping...");
    cluster.stop();
    out.println("Stopped.");
  }

  private void removeHook() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // Already shutting down: the hook runs and stops what is left.
    }
  }
}
