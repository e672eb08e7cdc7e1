package org.telcocdn.raw.media;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The CPU priority ffmpeg and ffprobe run at, so that a transcode takes what the origin's serving
 * threads leave of the cores instead of sharing them evenly: on Linux a thread's share of a busy
 * core is its weight over the sum of the runnable threads' weights, and an unbounded ffmpeg ladder
 * runs 40-odd threads at the JVM's own weight.
 *
 * <p>Two levels, because Linux schedules in two (sched(7), "The autogroup feature"): first between
 * task groups (a session's autogroup when the process is in the root CPU cgroup, as under {@code
 * cdn up}; a cgroup otherwise), then between the threads of a group. A policy or nice value only
 * orders the threads within their group: a child in the origin's own session keeps the origin's
 * group busy, and a busy group is not favoured when one of its threads wakes, so the origin's
 * requests waited behind the other sessions of a busy host for as long as ffmpeg ran. {@code
 * ownSession} starts the child in a session of its own, hence an autogroup of its own, and gives
 * that group the nice value: the origin's group then sleeps between requests as it did. {@code
 * SCHED_IDLE} still counts in a group of its own: a waking thread of another policy preempts a
 * running {@code SCHED_IDLE} thread at once, whatever groups the two are in (the fair scheduler's
 * wake-up check looks at the running task's policy before it compares groups), and a core running
 * only {@code SCHED_IDLE} threads counts as idle when the waking thread's core is chosen.
 *
 * <p>The child is started through {@code setsid} (util-linux) and a {@code sh} that writes the
 * group's nice to {@code /proc/self/autogroup} (ignored where there are no autogroups), {@code chrt
 * --batch|--idle 0} (util-linux) and {@code nice -n N} (coreutils), each of which sets its part and
 * {@code exec}s the next, so ffmpeg is at the given priority from its first instruction, and so are
 * all its threads, which inherit it; the process id stays the one Java started (setsid forks only
 * when its caller leads a process group, and Java's children do not), so a timeout still kills
 * ffmpeg itself. Setting the priority from Java after the start would race with the threads ffmpeg
 * creates at once (on Linux the nice value is per thread). Lowering one's own priority needs no
 * privilege. bench/origin-during-ingest measures the effect on the origin's miss latency.
 *
 * @param nice the nice value of the child's threads under NORMAL and BATCH, and of its autogroup
 *     with {@code ownSession}: 0 (the JVM's own) to 19 (the lowest weight, 15 against 1024 at 0)
 * @param scheduler the Linux scheduling policy of the child's threads
 * @param ownSession whether the child runs in a session (and autogroup) of its own
 */
public record ProcessPriority(int nice, Scheduler scheduler, boolean ownSession) {
  /** What the origin did before it had a priority for its children: nice 0, the normal policy. */
  public static final ProcessPriority UNCHANGED = new ProcessPriority(0, Scheduler.NORMAL, false);

  /** Linux scheduling policies a child can be given without privileges (sched(7)). */
  public enum Scheduler {
    /** SCHED_OTHER: weighted by the nice value. */
    NORMAL,
    /** SCHED_BATCH: as NORMAL, but never preempts a running thread when it wakes. */
    BATCH,
    /**
     * SCHED_IDLE: runs only on what no NORMAL or BATCH thread of its group wants; the nice value is
     * ignored.
     */
    IDLE;

    public String configName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** From a configuration value: {@code normal}, {@code batch} or {@code idle}. */
    public static Optional<Scheduler> named(String value) {
      for (Scheduler s : values()) {
        if (s.configName().equals(value.trim().toLowerCase(Locale.ROOT))) return Optional.of(s);
      }
      return Optional.empty();
    }
  }

  /**
   * {@code $0} is the autogroup's nice; the rest is the command, exec'd in the same process. The
   * braces silence the shell's own message when the file cannot be opened (no autogroups), which
   * would otherwise land in ffmpeg's stderr tail.
   */
  private static final String AUTOGROUP_NICE =
      "{ echo \"$0\" >/proc/self/autogroup; } 2>/dev/null; exec \"$@\"";

  public ProcessPriority {
    if (nice < 0 || nice > 19)
      throw new IllegalArgumentException("nice must be 0 to 19, was " + nice);
  }

  /** {@code command} started at this priority. */
  public List<String> wrap(List<String> command) {
    List<String> wrapped = new ArrayList<>(prefix());
    wrapped.addAll(command);
    return wrapped;
  }

  /** The programs started in front of the command; empty when nothing is to change. */
  List<String> prefix() {
    List<String> prefix = new ArrayList<>();
    if (ownSession)
      prefix.addAll(List.of("setsid", "sh", "-c", AUTOGROUP_NICE, Integer.toString(nice)));
    if (scheduler != Scheduler.NORMAL)
      prefix.addAll(List.of("chrt", "--" + scheduler.configName(), "0"));
    if (nice > 0) prefix.addAll(List.of("nice", "-n", Integer.toString(nice)));
    return prefix;
  }

  /**
   * The programs this priority needs that are not on {@code PATH} (empty when all are there), so a
   * host without them fails at start-up rather than at its first ingest.
   */
  public List<String> missingTools() {
    List<String> tools = new ArrayList<>();
    if (ownSession) tools.addAll(List.of("setsid", "sh"));
    if (scheduler != Scheduler.NORMAL) tools.add("chrt");
    if (nice > 0) tools.add("nice");
    return tools.stream().filter(p -> !onPath(p)).toList();
  }

  private static boolean onPath(String program) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) return true;
    }
    return false;
  }

  @Override
  public String toString() {
    String threads =
        scheduler == Scheduler.IDLE
            ? "SCHED_IDLE"
            : "nice " + nice + (scheduler == Scheduler.BATCH ? ", SCHED_BATCH" : "");
    return ownSession
        ? threads + " in a session of its own (autogroup nice " + nice + ")"
        : threads + " in the origin's session";
  }
}
