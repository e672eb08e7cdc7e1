package org.telcocdn.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.telcocdn.cli.netns.EmulatedNetwork;
import org.telcocdn.cli.netns.HostCommands;
import org.telcocdn.cli.netns.NetworkState;

/**
 * The services of one topology as processes: starts them in dependency order, each role as soon as
 * the roles it needs are healthy, recording each in the state file as soon as it exists (so {@code
 * cdn down} can stop a half-finished {@code up}), and stops them again. Stopping is idempotent
 * because both a failed start and the Ctrl-C shutdown hook may ask for it.
 *
 * <p>A topology with sites first gets its simulated network ({@link EmulatedNetwork}, recorded in
 * the state file step by step), then each service starts inside its site's namespace; stopping
 * removes the network after the last service.
 */
public final class Cluster {
  private final Topology topology;
  private final Path dataDir;
  private final Wiring wiring;
  private final StateFile stateFile;
  private final Supervisor supervisor;
  private final PrintStream out;
  private final List<RunningService> started = new ArrayList<>();

  /** Set once the state file is ours: a refused start must not delete another run's file. */
  private boolean ownsState;

  /** Set by {@link #stop()}: Ctrl-C during start-up must not be followed by one more start. */
  private boolean stopped;

  private final Function<Role, String> mainClasses;

  /** Null when services start without the JDK's AOT cache ({@link AotCache#ofThisProcess}). */
  private final AotCache aot;

  /** The file the topology came from, for the state file; null for the bundled default. */
  private String topologyFile;

  private NetworkState network;

  /**
   * Start each role once its needs are healthy ({@link #startByNeeds}) rather than role after role:
   * for a simulated network, whose services run C1-only ({@link #jvmOptions}).
   */
  private boolean byNeeds;

  public Cluster(Topology topology, Path dataDir, Supervisor supervisor, PrintStream out) {
    this(topology, dataDir, supervisor, out, Role::mainClass);
  }

  /** Records where the topology came from, so that commands without {@code --topology} find it. */
  public Cluster from(Path file) {
    this.topologyFile = file == null ? null : file.toAbsolutePath().normalize().toString();
    return this;
  }

  /**
   * @param mainClasses what each role runs: tests put a stand-in service here
   */
  Cluster(
      Topology topology,
      Path dataDir,
      Supervisor supervisor,
      PrintStream out,
      Function<Role, String> mainClasses) {
    this.mainClasses = mainClasses;
    this.topology = topology;
    this.dataDir = dataDir;
    this.wiring = new Wiring(topology, dataDir);
    this.stateFile = new StateFile(dataDir);
    this.supervisor = supervisor;
    this.out = out;
    this.byNeeds = topology.sited();
    this.aot = AotCache.ofThisProcess(out);
  }

  /** Starts each role once the roles it needs are healthy, whatever the topology (tests). */
  Cluster startingByNeeds() {
    this.byNeeds = true;
    return this;
  }

  /** Starts every service; on any failure stops what was started and rethrows. */
  public RunState up() {
    if (stateFile.claim())
      out.println("Removed a stale state file (its processes are gone): " + stateFile.path());
    checkMainClasses();
    if (topology.sited()) {
      requireRoot("cdn up with a topology with sites");
    } else {
      checkPortsFree();
    }
    new CliSecrets(dataDir).ensure(topology).forEach(line -> out.println("Secrets: " + line));
    if (ViewerKeys.ensure(dataDir))
      out.println("Made the viewer-signing key in " + dataDir.resolve("secrets"));
    if (topology.viewerHttps()) {
      Wiring.viewerCertificate(dataDir)
          .ensure(CliSecrets.viewerHosts(topology), Instant.now())
          .forEach(line -> out.println("Secrets: " + line));
    }
    synchronized (this) {
      ownsState = true;
    }
    try {
      if (topology.sited()) createNetwork();
      // The index members are launched first and awaited last: their JVM start-up and election
      // overlap with the other services' start-ups, and nobody needs the index at start (the broker
      // and the edges connect to it lazily). A member is healthy only once a quorum elected a
      // leader, so all of them must be running before any is waited for anyway.
      List<Pending> index = launch(topology.ofRole(Role.CACHE_INDEX));
      if (byNeeds) {
        startByNeeds();
      } else {
        startRoleByRole();
      }
      await(index);
      return state();
    } catch (RuntimeException e) {
      out.println("Start failed; stopping the services already started.");
      stop();
      throw e;
    }
  }

  /** Stops what this cluster started and removes the state file. */
  public synchronized void stop() {
    stopped = true;
    supervisor.stopInOrder(state().stopOrder());
    started.clear();
    if (network != null) {
      EmulatedNetwork.destroy(network, HostCommands.processes());
      network = null;
    }
    if (ownsState) stateFile.delete();
  }

  public synchronized RunState state() {
    return new RunState(dataDir.toString(), started, topologyFile, network);
  }

  static void requireRoot(String what) {
    try {
      EmulatedNetwork.requireRoot(what);
    } catch (IllegalStateException e) {
      throw CliException.runtime(e.getMessage());
    }
  }

  private void createNetwork() {
    out.println(
        "Creating the simulated network ("
            + topology.sites().size()
            + " sites, "
            + topology.clients().size()
            + " client groups)");
    long start = System.nanoTime();
    EmulatedNetwork emulated =
        new EmulatedNetwork(
            topology.siteNetwork(),
            HostCommands.processes(),
            dataDir.resolve("run"),
            dataDir.resolve("logs"));
    try {
      emulated.create(this::recordNetwork);
    } catch (IllegalStateException e) {
      throw CliException.runtime("the simulated network cannot be created: " + e.getMessage());
    }
    out.printf("  network ready in %d ms%n", (System.nanoTime() - start) / 1_000_000);
  }

  /**
   * Refuses once stopped (Ctrl-C during start-up), so that nothing is created after the tear-down.
   */
  private synchronized void recordNetwork(NetworkState state) {
    if (stopped) throw CliException.runtime("stopped while creating the simulated network");
    network = state;
    stateFile.write(state());
  }

  /** The role's own JVM options, and C1 only for every service of a simulated network. */
  static List<String> jvmOptions(Topology topology, Role role) {
    List<String> options = new ArrayList<>(role.jvmOptions());
    if (topology.sited()) {
      Launch.SIMULATED_NETWORK_OPTIONS.stream()
          .filter(o -> !options.contains(o))
          .forEach(options::add);
    }
    return options;
  }

  /** {@code options} and those that start {@code role} from its AOT cache, if there is one. */
  private List<String> withAotCache(Role role, List<String> options) {
    if (aot == null) return options;
    List<String> all = new ArrayList<>(Launch.JVM_OPTIONS);
    all.addAll(options);
    List<String> withCache = new ArrayList<>(options);
    withCache.addAll(aot.options(role.module(), all));
    return withCache;
  }

  /** A launched process not yet known to be healthy. */
  private record Pending(ServiceSpec spec, Launch launch, Process process, long launched) {}

  /**
   * Starts the processes of {@code specs} (recorded in the state file at once) without waiting for
   * them.
   */
  private List<Pending> launch(List<ServiceSpec> specs) {
    List<Pending> pending = new ArrayList<>();
    for (ServiceSpec spec : specs) {
      Role role = spec.roleValue();
      Launch launch =
          Launch.java(
                  spec.name(),
                  mainClasses.apply(role),
                  withAotCache(role, jvmOptions(topology, role)),
                  wiring.env(spec),
                  wiring.logFile(spec),
                  topology.url(spec))
              .trusting(Wiring.trustFor(dataDir, spec.role(), topology.url(spec)));
      if (topology.sited()) launch = launch.inNamespace(topology.namespace(spec));
      out.printf("Starting %-14s %s%n", spec.name(), topology.url(spec));
      Process process = supervisor.start(launch);
      record(spec, launch, process);
      pending.add(new Pending(spec, launch, process, System.nanoTime()));
    }
    return pending;
  }

  /**
   * Role after role in declaration order, each role's services launched together and then waited
   * for: a flat topology's services keep the tiered JIT, and side by side their C2 compilations
   * made the telco topology's start-up slower, not faster (docs/topology.md, "Start-up time").
   */
  private void startRoleByRole() {
    for (Role role : Role.values()) {
      if (role != Role.CACHE_INDEX) await(launch(topology.ofRole(role)));
    }
  }

  /**
   * Launches each role's services as soon as every role it {@link Role#needs() needs} is healthy,
   * each role's services together, and returns once all are healthy or throws the first failure.
   * Roles that need nothing of each other start side by side: with C1-only services the telco
   * topology was ready in a median 64.5 s this way against 96.0 s role after role (two runs each,
   * alternating, load 14-28; docs/topology.md, "Start-up time"). A role launched after a failure
   * finds the cluster stopped and starts nothing.
   */
  private void startByNeeds() {
    Map<Role, CompletableFuture<Void>> healthy = new EnumMap<>(Role.class);
    CompletableFuture<Void> failure = new CompletableFuture<>();
    // A thread per role, started when its needs are met: nothing to shut down, and a wait still
    // under way after a failure ends with its process, which the caller's stop() ends.
    Executor waits = task -> Thread.ofVirtual().name("cdn-up-wait").start(task);
    for (Role role : Role.values()) {
      if (role == Role.CACHE_INDEX) continue;
      CompletableFuture<Void> started =
          CompletableFuture.allOf(
                  role.needs().stream().map(healthy::get).toArray(CompletableFuture[]::new))
              .thenRunAsync(() -> await(launch(topology.ofRole(role))), waits);
      started.whenComplete(
          (done, error) -> {
            if (error != null) failure.completeExceptionally(error);
          });
      healthy.put(role, started);
    }
    CompletableFuture<Void> all =
        CompletableFuture.allOf(healthy.values().toArray(CompletableFuture[]::new));
    try {
      CompletableFuture.anyOf(all, failure).join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  private void await(List<Pending> pending) {
    for (Pending p : pending) {
      supervisor.awaitHealthy(p.process(), p.launch(), topology.startTimeout());
      out.printf(
          "  healthy  %-14s pid %d, %.1f s after its launch%n",
          p.spec().name(), p.process().pid(), (System.nanoTime() - p.launched()) / 1e9);
    }
  }

  private synchronized void record(ServiceSpec spec, Launch launch, Process process) {
    if (stopped) {
      supervisor.stop(List.of(process.toHandle()));
      throw CliException.runtime("stopped while starting " + spec.name());
    }
    Instant processStart = process.info().startInstant().orElse(null);
    started.add(
        new RunningService(
            spec.name(),
            spec.role(),
            process.pid(),
            topology.url(spec),
            spec.grpcPort(),
            launch.log().toString(),
            Instant.now(),
            processStart,
            spec.raftPort(),
            spec.site(),
            topology.namespace(spec),
            topology.controlUrl(spec)));
    stateFile.write(state());
  }

  /** The children run on this JVM's classpath: a missing module would fail there, less clearly. */
  private void checkMainClasses() {
    for (Role role :
        topology.startOrder().stream().map(ServiceSpec::roleValue).distinct().toList()) {
      String mainClass = mainClasses.apply(role);
      try {
        Class.forName(mainClass, false, Cluster.class.getClassLoader());
      } catch (ClassNotFoundException | LinkageError e) {
        throw CliException.runtime(
            role.module()
                + "'s main class "
                + mainClass
                + " is not on the classpath;"
                + " run it through the ./cdn launcher, which builds it (without CDN_SKIP_BUILD=1)");
      }
    }
  }

  /** A taken port would otherwise surface as a service dying with a bind error deep in its log. */
  private void checkPortsFree() {
    for (ServiceSpec spec : topology.services()) {
      checkFree(spec.port(), spec.name());
      if (spec.controlPort() != null) checkFree(spec.controlPort(), spec.name() + " (control)");
      if (spec.grpcPort() != null) checkFree(spec.grpcPort(), spec.name() + " (gRPC)");
      if (spec.raftPort() != null) checkFree(spec.raftPort(), spec.name() + " (Raft)");
    }
  }

  private static void checkFree(int port, String owner) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    } catch (IOException e) {
      throw CliException.runtime(
          "port "
              + port
              + " for "
              + owner
              + " is already in use on 127.0.0.1;"
              + " stop what holds it or change the port in the topology");
    }
  }
}
