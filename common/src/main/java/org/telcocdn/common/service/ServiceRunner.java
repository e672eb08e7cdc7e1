package org.telcocdn.common.service;

import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.common.config.ConfigException;

/**
 * The body of every service's {@code main}: start, print one machine-readable ready line, and stop
 * cleanly on SIGTERM/SIGINT. A bad configuration ends the process at once with exit code 2 and the
 * reason on stderr, before anything is bound.
 */
public final class ServiceRunner {
  private static final Logger log = LoggerFactory.getLogger(ServiceRunner.class);

  private ServiceRunner() {}

  public static void run(String name, Supplier<? extends Service> starter) {
    Service service;
    try {
      service = starter.get();
    } catch (ConfigException e) {
      System.err.println(name + ": configuration error: " + e.getMessage());
      System.exit(2);
      return;
    } catch (RuntimeException e) {
      log.error("{} failed to start", name, e);
      System.err.println(name + ": failed to start: " + e);
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  log.info("{} shutting down", name);
                  service.close();
                  stopped.countDown();
                },
                name + "-shutdown"));
    log.info("{} ready at {}", name, service.url());
    System.out.println("READY " + name + " " + service.url());
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
