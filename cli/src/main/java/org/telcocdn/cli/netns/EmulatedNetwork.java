package org.telcocdn.cli.netns;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.telcocdn.cli.network.Link;
import org.telcocdn.cli.network.Node;
import org.telcocdn.cli.network.SiteNetwork;
import org.telcocdn.common.json.Json;

/**
 * A {@link SiteNetwork} made real on this host: namespaces, veth pairs, shapers, loss rules, the
 * delay line process and the routes, in that order ({@link NamespacePlan}). Each step is recorded
 * before it is taken, so a failure half-way, or a crash of {@code cdn}, leaves a state that {@link
 * #destroy} clears. Needs root.
 */
public final class EmulatedNetwork {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration STOP_GRACE = Duration.ofSeconds(5);

  /**
   * The delay line's loop runs SCHED_FIFO at this priority, below the kernel's own real-time
   * threads (50 and up): it sleeps between packets, and the kernel keeps 5 % of every second for
   * ordinary threads whatever real-time threads do.
   */
  static final int REALTIME_PRIORITY = 10;

  private static final String CONFIG = "delay-line.json";
  private final SiteNetwork network;
  private final NamespacePlan plan;
  private final HostCommands host;
  private final Path runDir;
  private final Path logDir;

  /**
   * @param runDir where the delay line's config, ready and stats files go; logDir its log
   */
  public EmulatedNetwork(SiteNetwork network, HostCommands host, Path runDir, Path logDir) {
    this.network = network;
    this.plan = new NamespacePlan(network);
    this.host = host;
    this.runDir = runDir;
    this.logDir = logDir;
  }

  /** Fails with what to do when this process is not root: namespaces, tc and nftables need it. */
  public static void requireRoot(String what) {
    requireRoot(what, isRoot());
  }

  static void requireRoot(String what, boolean root) {
    if (!root) {
      throw new IllegalStateException(
          what + " needs root (network namespaces, tc and nftables): run it with sudo");
    }
  }

  public static boolean isRoot() {
    try {
      return Files.readAllLines(Path.of("/proc/self/status")).stream()
          .filter(l -> l.startsWith("Uid:"))
          .findFirst()
          .map(l -> l.split("\\s+")[2].equals("0"))
          .orElse(false);
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Builds the network; {@code record} is called with what may exist before each step that creates
   * something, and with the delay line once it runs.
   */
  public NetworkState create(Consumer<NetworkState> record) {
    NetworkState state =
        new NetworkState(plan.namespaces(), plan.hostDevices(), null, null, List.of());
    for (String ns : plan.namespaces()) {
      if (Files.exists(Path.of("/var/run/netns", ns))) {
        throw new IllegalStateException(
            "namespace "
                + ns
                + " exists already: another `cdn up` runs this network, or one"
                + " crashed; `cdn down` with its topology removes it (or `ip netns del "
                + ns
                + "`)");
      }
    }
    record.accept(state);
    plan.namespacesStep().forEach(host::run);
    host.run(plan.vethStep());
    for (Node node : network.nodes()) host.run(plan.addressStep(node));
    for (Node node : network.nodes()) runIfAny(plan.trafficControlStep(node));
    for (Node node : network.nodes()) runIfAny(plan.lossStep(node));
    if (!plan.delayDirections().isEmpty()) {
      state = state.withDelayLineConfig(runDir.resolve(CONFIG).toString());
      record.accept(state);
      Process line = startDelayLine();
      state = state.withDelayLine(line.toHandle());
      try {
        record.accept(state);
      } catch (RuntimeException e) {
        stop(line.toHandle()); // not recorded, so nobody else would ever stop it
        throw e;
      }
      awaitReady(line);
    }
    routes(List.of());
    return state;
  }

  /**
   * Routes with {@code cut} links down and every other link up: the network as a routing protocol
   * would settle it.
   */
  public void routes(Collection<Link> cut) {
    plan.routeStep(cut).forEach(host::run);
  }

  /** Stops the delay line and removes every namespace and host device {@code state} names. */
  public static void destroy(NetworkState state, HostCommands host) {
    state.delayLine().ifPresent(EmulatedNetwork::stop);
    NamespacePlan.teardown(state.namespaces(), state.hostDevices())
        .forEach(host::runIgnoringErrors);
  }

  private static void stop(ProcessHandle process) {
    process.destroy();
    try {
      process.onExit().get(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      process.destroyForcibly();
    }
  }

  private void runIfAny(HostCommand command) {
    if (command != null) host.run(command);
  }

  private Process startDelayLine() {
    try {
      Files.createDirectories(runDir);
      Files.createDirectories(logDir);
      Path config = runDir.resolve(CONFIG);
      Path ready = runDir.resolve("delay-line.ready");
      Files.deleteIfExists(ready);
      Json.MAPPER.writeValue(
          config.toFile(),
          new DelayLineConfig(
              plan.delayDirections(),
              ready.toString(),
              runDir.resolve("delay-line.stats.json").toString(),
              REALTIME_PRIORITY));
      List<String> command =
          new ArrayList<>(
              List.of(
                  javaExecutable(),
                  "--enable-native-access=ALL-UNNAMED",
                  // A small heap and the serial collector: it allocates nothing per packet (the
                  // queues are off-heap).
                  "-Xmx64m",
                  "-XX:+UseSerialGC",
                  "-cp",
                  System.getProperty("java.class.path"),
                  DelayLineMain.class.getName(),
                  config.toString()));
      return new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(
              ProcessBuilder.Redirect.appendTo(logDir.resolve("delay-line.log").toFile()))
          .start();
    } catch (IOException e) {
      throw new IllegalStateException("the delay line cannot be started: " + e.getMessage(), e);
    }
  }

  private void awaitReady(Process line) {
    Path ready = runDir.resolve("delay-line.ready");
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (!Files.exists(ready)) {
      if (!line.isAlive()) {
        throw new IllegalStateException(
            "the delay line exited with "
                + line.exitValue()
                + "; read "
                + logDir.resolve("delay-line.log"));
      }
      if (System.nanoTime() > deadline)
        throw new IllegalStateException(
            "the delay line was not ready within " + READY_TIMEOUT.toSeconds() + " s");
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the delay line", e);
      }
    }
  }

  private static String javaExecutable() {
    return ProcessHandle.current()
        .info()
        .command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }
}
