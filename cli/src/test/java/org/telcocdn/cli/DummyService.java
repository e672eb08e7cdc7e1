package org.telcocdn.cli;

import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.telcocdn.common.config.Settings;
import org.telcocdn.common.http.HttpServer;
import org.telcocdn.common.security.SecurityConfig;
import org.telcocdn.common.security.ServiceSecurity;

/**
 * A stand-in service process for the supervisor tests: serves /health on port 0 and prints the
 * READY line like a real service. With the argument {@code exit N} it exits at once with code N;
 * with {@code child} it also starts a grandchild process, to check that stopping takes descendants.
 * Started by a {@link Cluster}, it binds the port wired into its environment (as a control
 * listener, over TLS with the wired certificate, for the roles whose only listener that is), and
 * exits at once with the code in {@code DUMMY_EXIT} when that is set.
 */
public final class DummyService {
  /** The port keys of the roles with only a control listener. */
  private static final Set<String> CONTROL_ONLY =
      Set.of("CDN_ORIGIN_PORT", "CDN_CONTROLLER_PORT", "CDN_INDEX_HTTP_PORT");

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
    boolean controlOnly = System.getenv().keySet().stream().anyMatch(CONTROL_ONLY::contains);
    HttpServer.Builder builder = HttpServer.builder("dummy");
    if (controlOnly) {
      builder.control(
          "127.0.0.1",
          wiredPort(),
          ServiceSecurity.load(SecurityConfig.from(Settings.fromEnvironment()), "dummy"));
    } else {
      builder.viewer("127.0.0.1", wiredPort());
    }
    HttpServer server = builder.start();
    System.out.println(
        "READY dummy " + (controlOnly ? "https" : "http") + "://127.0.0.1:" + server.port());
    new CountDownLatch(1).await();
  }

  /** The HTTP port `cdn up` wired (CDN_EDGE_PORT, CDN_METADATA_PORT, ...), else 0. */
  private static int wiredPort() {
    return System.getenv().entrySet().stream()
        .filter(
            e ->
                e.getKey().startsWith("CDN_")
                    && e.getKey().endsWith("_PORT")
                    && !e.getKey().contains("GRPC")
                    && !e.getKey().contains("CONTROL"))
        .mapToInt(e -> Integer.parseInt(e.getValue()))
        .findFirst()
        .orElse(0);
  }
}
