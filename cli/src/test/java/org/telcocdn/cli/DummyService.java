package org.telcocdn.cli;

import java.util.concurrent.CountDownLatch;
import org.telcocdn.common.http.HttpServer;

/**
 * A stand-in service process for the supervisor tests: serves /health on port 0 and prints the
 * READY line like a real service. With the argument {@code exit N} it exits at once with code N;
 * with {@code child} it also starts a grandchild process, to check that stopping takes descendants.
 * Started by a {@link Cluster}, it binds the port wired into its environment, and exits at once
 * with the code in {@code DUMMY_EXIT} when that is set.
 */
public final class DummyService {
  public static void main(String[] args) throws Exception {
    if (args.length == 2 && args[0].equals("exit")) {
      System.out.println("dummy refuses to start");
      System.exit(Integer.parseInt(args[1]));
    }
    if (args.length == 1 && args[0].equals("child")) {
      new ProcessBuilder(Launch.javaCommand(DummyService.class.getName())).inheritIO().start();
    }
    if (System.getenv("DUMMY_EXIT") != null)
      System.exit(Integer.parseInt(System.getenv("DUMMY_EXIT")));
    HttpServer server = HttpServer.builder("dummy").port(wiredPort()).start();
    System.out.println("READY dummy http://127.0.0.1:" + server.port());
    new CountDownLatch(1).await();
  }

  /** The HTTP port `cdn up` wired (CDN_EDGE_PORT, CDN_METADATA_PORT, ...), else 0. */
  private static int wiredPort() {
    return System.getenv().entrySet().stream()
        .filter(
            e ->
                e.getKey().startsWith("CDN_")
                    && e.getKey().endsWith("_PORT")
                    && !e.getKey().contains("GRPC"))
        .mapToInt(e -> Integer.parseInt(e.getValue()))
        .findFirst()
        .orElse(0);
  }
}
