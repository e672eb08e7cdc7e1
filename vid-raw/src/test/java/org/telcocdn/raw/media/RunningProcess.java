package org.telcocdn.raw.media;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** A child process of this JVM as Linux shows it in {@code /proc/<pid>} (proc(5)). */
record RunningProcess(
    long pid,
    String comm,
    long session,
    int nice,
    int policy,
    List<String> arguments,
    String autogroup) {
  /** SCHED_OTHER, SCHED_BATCH and SCHED_IDLE as {@code /proc/<pid>/stat} field 41 numbers them. */
  static final int SCHED_OTHER = 0;

  static final int SCHED_BATCH = 3;
  static final int SCHED_IDLE = 5;

  /** This JVM itself. */
  static RunningProcess self() {
    return read(ProcessHandle.current().pid()).orElseThrow();
  }

  /** "/autogroup-N nice K", or empty on a kernel without autogroups. */
  private static String autogroup(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file).strip() : "";
  }

  /** The descendant of this JVM whose program is {@code comm}, if one is running now. */
  static Optional<RunningProcess> find(String comm) {
    return ProcessHandle.current()
        .descendants()
        .map(p -> read(p.pid()))
        .flatMap(Optional::stream)
        .filter(p -> p.comm().equals(comm))
        .findFirst();
  }

  private static Optional<RunningProcess> read(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      // fields after "pid (comm)" start at field 3; field 6 is the session, 19 the nice value, 41
      // the policy
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      byte[] cmdline = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
      List<String> arguments =
          Arrays.asList(new String(cmdline, StandardCharsets.UTF_8).split("\0"));
      String autogroup = autogroup(Path.of("/proc", Long.toString(pid), "autogroup"));
      return Optional.of(
          new RunningProcess(
              pid,
              comm,
              Long.parseLong(fields[6 - 3]),
              Integer.parseInt(fields[19 - 3]),
              Integer.parseInt(fields[41 - 3]),
              arguments,
              autogroup));
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // ended meanwhile
    }
  }
}
