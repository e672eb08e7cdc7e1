package org.telcocdn.cli;

import java.time.Instant;
import java.util.Optional;

/**
 * One process {@code cdn up} started, as recorded in state.json. The start instant guards against
 * pid reuse: a pid is only taken to be ours while the process behind it started at that instant, so
 * {@code cdn down} never signals a stranger that inherited the number.
 *
 * @param grpcPort null for services without gRPC
 * @param processStart the OS's start instant of the process, null when the OS does not report it
 * @param raftPort the Raft transport of a cache-index member, null for other services
 * @param site the site the service runs in (with sites), or an edge's coverage zone (without)
 * @param namespace the network namespace it runs in, null without sites
 */
public record RunningService(
    String name,
    String role,
    long pid,
    String url,
    Integer grpcPort,
    String log,
    Instant started,
    Instant processStart,
    Integer raftPort,
    String site,
    String namespace) {

  public RunningService(
      String name,
      String role,
      long pid,
      String url,
      Integer grpcPort,
      String log,
      Instant started,
      Instant processStart,
      Integer raftPort) {
    this(name, role, pid, url, grpcPort, log, started, processStart, raftPort, null, null);
  }

  /** A service without a Raft port. */
  public RunningService(
      String name,
      String role,
      long pid,
      String url,
      Integer grpcPort,
      String log,
      Instant started,
      Instant processStart) {
    this(name, role, pid, url, grpcPort, log, started, processStart, null);
  }

  /** The live process of this entry, if it is still the one we started. */
  public Optional<ProcessHandle> process() {
    return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(this::sameStart);
  }

  public boolean alive() {
    return process().isPresent();
  }

  private boolean sameStart(ProcessHandle handle) {
    if (processStart == null) return true;
    return handle.info().startInstant().map(processStart::equals).orElse(true);
  }
}
