package org.telcocdn.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The services of one topology as processes: starts them in dependency order, each waited for
 * until healthy, recording each in the state file as soon as it exists (so {@code cdn down} can stop
 * a half-finished {@code up}), and stops them again. Stopping is idempotent because both a failed
 * start and the Ctrl-C shutdown hook may ask for it.
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

  public Cluster(Topology topology, Path dataDir, Supervisor supervisor, PrintStream out) {
    this(topology, dataDir, supervisor, out, Role::mainClass);
  }

  /** @param mainClasses what each role runs: tests put a stand-in service here */
  Cluster(Topology topology, Path dataDir, Supervisor supervisor, PrintStream out, Function<Role, String> mainClasses) {
    this.mainClasses = mainClasses;
    this.topology = topology;
    this.dataDir = dataDir;
    this.wiring = new Wiring(topology, dataDir);
    this.stateFile = new StateFile(dataDir);
    this.supervisor = supervisor;
    this.out = out;
  }

  /** Starts every service; on any failure stops what was started and rethrows. */
  public RunState up() {
    if (stateFile.claim()) out.println("Removed a stale state file (its processes are gone): " + stateFile.path());
    checkMainClasses();
    checkPortsFree();
    if (ViewerKeys.ensure(dataDir)) out.println("Made the viewer-signing key in " + dataDir.resolve("secrets"));
    synchronized (this) {
      ownsState = true;
    }
    try {
      // The index members are launched first and awaited last: their JVM start-up and election overlap
      // with the other services' start-ups, and nobody needs the index at start (the broker and the
      // edges connect to it lazily). A member is healthy only once a quorum elected a leader, so all
      // of them must be running before any is waited for anyway.
      List<Pending> index = launch(topology.ofRole(Role.CACHE_INDEX));
      for (ServiceSpec spec : topology.startOrder()) {
        if (spec.roleValue() != Role.CACHE_INDEX) await(launch(List.of(spec)));
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
    if (ownsState) stateFile.delete();
  }

  public synchronized RunState state() {
    return new RunState(dataDir.toString(), started);
  }

  /** A launched process not yet known to be healthy. */
  private record Pending(ServiceSpec spec, Launch launch, Process process) {}

  /** Starts the processes of {@code specs} (recorded in the state file at once) without waiting for them. */
  private List<Pending> launch(List<ServiceSpec> specs) {
    List<Pending> pending = new ArrayList<>();
    for (ServiceSpec spec : specs) {
      Role role = spec.roleValue();
      Launch launch = Launch.java(spec.name(), mainClasses.apply(role), role.jvmOptions(), wiring.env(spec),
          wiring.logFile(spec), spec.url());
      out.printf("Starting %-14s %s%n", spec.name(), spec.url());
      Process process = supervisor.start(launch);
      record(spec, launch, process);
      pending.add(new Pending(spec, launch, process));
    }
    return pending;
  }

  private void await(List<Pending> pending) {
    for (Pending p : pending) {
      supervisor.awaitHealthy(p.process(), p.launch(), topology.startTimeout());
      out.printf("  healthy  %-14s pid %d%n", p.spec().name(), p.process().pid());
    }
  }

  private synchronized void record(ServiceSpec spec, Launch launch, Process process) {
    if (stopped) {
      supervisor.stop(List.of(process.toHandle()));
      throw CliException.runtime("stopped while starting " + spec.name());
    }
    Instant processStart = process.info().startInstant().orElse(null);
    started.add(new RunningService(spec.name(), spec.role(), process.pid(), spec.url(), spec.grpcPort(),
        launch.log().toString(), Instant.now(), processStart, spec.raftPort()));
    stateFile.write(state());
  }

  /** The children run on this JVM's classpath: a missing module would fail there, less clearly. */
  private void checkMainClasses() {
    for (Role role : topology.startOrder().stream().map(ServiceSpec::roleValue).distinct().toList()) {
      String mainClass = mainClasses.apply(role);
      try {
        Class.forName(mainClass, false, Cluster.class.getClassLoader());
      } catch (ClassNotFoundException | LinkageError e) {
        throw CliException.runtime(role.module() + "'s main class " + mainClass + " is not on the classpath;"
            + " run it through the ./cdn launcher, which builds it (without CDN_SKIP_BUILD=1)");
      }
    }
  }

  /** A taken port would otherwise surface as a service dying with a bind error deep in its log. */
  private void checkPortsFree() {
    for (ServiceSpec spec : topology.services()) {
      checkFree(spec.port(), spec.name());
      if (spec.grpcPort() != null) checkFree(spec.grpcPort(), spec.name() + " (gRPC)");
      if (spec.raftPort() != null) checkFree(spec.raftPort(), spec.name() + " (Raft)");
    }
  }

  private static void checkFree(int port, String owner) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    } catch (IOException e) {
      throw CliException.runtime("port " + port + " for " + owner + " is already in use on 127.0.0.1;"
          + " stop what holds it or change the port in the topology");
    }
  }
}
