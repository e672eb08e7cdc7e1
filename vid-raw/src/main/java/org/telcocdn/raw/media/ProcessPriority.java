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
 * threads leave of the cores instead of sharing them evenly: on Linux a thread's share of a busy core
 * is its weight over the sum of the runnable threads' weights, and an unbounded ffmpeg ladder runs
 * 40-odd threads at the JVM's own weight.
 *
 * <p>The child is started through {@code nice -n N} (coreutils) and, for the batch and idle
 * policies, {@code chrt --batch|--idle 0} (util-linux), each of which sets its own priority and
 * {@code exec}s the next, so ffmpeg is at the given priority from its first instruction, and so are
 * all its threads, which inherit it. Setting the priority from Java after the start would race with
 * the threads ffmpeg creates at once (on Linux the nice value is per thread). Lowering one's own
 * priority needs no privilege. bench/origin-during-ingest measures the effect on the origin's miss
 * latency.
 *
 * @param nice the nice value, 0 (the JVM's own) to 19 (the lowest weight, 15 against 1024 at 0)
 * @param scheduler the Linux scheduling policy of the child
 */
public record ProcessPriority(int nice, Scheduler scheduler) {
  /** What the origin did before it had a priority for its children: nice 0, the normal policy. */
  public static final ProcessPriority UNCHANGED = new ProcessPriority(0, Scheduler.NORMAL);

  /** Linux scheduling policies a child can be given without privileges (sched(7)). */
  public enum Scheduler {
    /** SCHED_OTHER: weighted by the nice value. */
    NORMAL,
    /** SCHED_BATCH: as NORMAL, but never preempts a running thread when it wakes. */
    BATCH,
    /** SCHED_IDLE: runs only on what no NORMAL or BATCH thread wants; the nice value is ignored. */
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

  public ProcessPriority {
    if (nice < 0 || nice > 19) throw new IllegalArgumentException("nice must be 0 to 19, was " + nice);
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
    if (scheduler != Scheduler.NORMAL) prefix.addAll(List.of("chrt", "--" + scheduler.configName(), "0"));
    if (nice > 0) prefix.addAll(List.of("nice", "-n", Integer.toString(nice)));
    return prefix;
  }

  /**
   * The programs this priority needs that are not on {@code PATH} (empty when all are there), so a
   * host without them fails at start-up rather than at its first ingest.
   */
  public List<String> missingTools() {
    return prefix().stream().filter(p -> p.equals("chrt") || p.equals("nice")).filter(p -> !onPath(p)).toList();
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
    return scheduler == Scheduler.IDLE ? "SCHED_IDLE" : "nice " + nice + (scheduler == Scheduler.BATCH ? ", SCHED_BATCH" : "");
  }
}
