package org.telcocdn.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How to start one service process: a {@code java} of the JVM running the cli, on the cli's own
 * classpath (which holds every service), with the service's main class and wired environment.
 *
 * @param url the base URL whose /health says the service is up
 */
public record Launch(
    String name, List<String> command, Map<String, String> env, Path log, String url) {
  /**
   * Options for every service JVM. Native access and Unsafe flags keep Netty and the bundled FFmpeg
   * quiet on JDK 25; the serial collector, because seven JVMs share a small machine and each heap
   * is small: parallel collectors would only add threads. Direct memory is raised because an edge
   * keeps its memory tier off-heap (256 MiB by default, capped at half of this limit), and Netty
   * and gRPC buffers need room beside it; it is reserved only as used. Logback's status listener is
   * silenced because common's logback.xml makes it dump its configuration steps into every log,
   * which is then no longer one JSON object per line.
   */
  static final List<String> JVM_OPTIONS =
      List.of(
          "--enable-native-access=ALL-UNNAMED",
          "--sun-misc-unsafe-memory-access=allow",
          "-XX:+UseSerialGC",
          "-XX:MaxDirectMemorySize=1g",
          "-Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener");

  /**
   * This launch run inside a network namespace: {@code ip netns exec} enters it and then execs the
   * command, so the pid is still the service's own.
   */
  public Launch inNamespace(String namespace) {
    List<String> wrapped = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
    wrapped.addAll(command);
    return new Launch(name, wrapped, env, log, url);
  }

  public static Launch java(
      String name, String mainClass, Map<String, String> env, Path log, String url) {
    return java(name, mainClass, List.of(), env, log, url);
  }

  /**
   * @param extraOptions JVM options after {@link #JVM_OPTIONS}, e.g. a role's own
   */
  public static Launch java(
      String name,
      String mainClass,
      List<String> extraOptions,
      Map<String, String> env,
      Path log,
      String url) {
    return new Launch(name, javaCommand(mainClass, extraOptions), env, log, url);
  }

  /**
   * The JVM options {@code cdn up} starts {@code role} with: {@link #JVM_OPTIONS}, then the role's
   * own.
   */
  public static List<String> jvmOptions(Role role) {
    List<String> options = new ArrayList<>(JVM_OPTIONS);
    options.addAll(role.jvmOptions());
    return options;
  }

  /** {@code java [options] -cp <this JVM's classpath> mainClass}. */
  public static List<String> javaCommand(String mainClass) {
    return javaCommand(mainClass, List.of());
  }

  /**
   * The command {@code cdn up} starts {@code role} with, on this JVM's classpath (benchmarks use
   * it).
   */
  public static List<String> javaCommand(Role role) {
    return javaCommand(role.mainClass(), role.jvmOptions());
  }

  private static List<String> javaCommand(String mainClass, List<String> extraOptions) {
    List<String> command = new ArrayList<>();
    command.add(
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(JVM_OPTIONS);
    command.addAll(extraOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    return command;
  }
}
