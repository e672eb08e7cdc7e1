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
 * @param ca the CA certificate an HTTPS {@code url} is checked against; null for plain HTTP
 */
public record Launch(
    String name, List<String> command, Map<String, String> env, Path log, String url, Path ca) {
  public Launch(String name, List<String> command, Map<String, String> env, Path log, String url) {
    this(name, command, env, log, url, null);
  }

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
   * What {@code cdn up} adds for every service of a topology with sites: C1 only. The simulated
   * network runs 15 JVMs on this 2-core machine, so its start-up is their CPU time, and C2's
   * compilations were half of it (bench/topology-startup: the services' CPU seconds when {@code up}
   * returned, summed, 85-88 with the tiered JIT, 39-48 C1-only; an edge 8 against 3). The price is
   * peak speed of hot code; a flat topology (the benchmarks' {@code cdn up}) keeps the tiered JIT,
   * and so do {@link #javaCommand(Role)} and the Kubernetes pods. docs/topology.md, "Start-up
   * time".
   */
  static final List<String> SIMULATED_NETWORK_OPTIONS = List.of("-XX:TieredStopAtLevel=1");

  /**
   * This launch run inside a network namespace: {@code ip netns exec} enters it and then execs the
   * command, so the pid is still the service's own.
   */
  public Launch inNamespace(String namespace) {
    List<String> wrapped = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
    wrapped.addAll(command);
    return new Launch(name, wrapped, env, log, url, ca);
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
    return new Launch(name, javaCommand(mainClass, extraOptions), env, log, url, null);
  }

  /** This launch with its health URL checked against {@code ca}. */
  public Launch trusting(Path ca) {
    return new Launch(name, command, env, log, url, ca);
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

  /** The {@code java} of the JVM running the cli. */
  static String javaExecutable() {
    return ProcessHandle.current()
        .info()
        .command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  private static List<String> javaCommand(String mainClass, List<String> extraOptions) {
    List<String> command = new ArrayList<>();
    command.add(javaExecutable());
    command.addAll(JVM_OPTIONS);
    command.addAll(extraOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    return command;
  }
}
