package org.telcocdn.common.service;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the threads that answer requests (the event loops) ahead of every other thread of this JVM
 * on a busy core, by raising the others' nice value.
 *
 * <p>Why: a service whose event loop shares a core with its own housekeeping (the JIT compilers,
 * sweepers, probers, the carriers of virtual threads) waits behind them for whole time slices.
 * {@code perf sched} on the broker showed a C1 compile running 2 to 3.4 ms while the event loop,
 * woken by a request, waited 2.2 to 2.6 ms for the core: that, not the routing, made the broker's
 * p99. The JIT keeps compiling rarely-run paths (a probe, a heartbeat) for many minutes, so no
 * warm-up makes it go away. A higher nice value only lowers a thread's share when the core is
 * contended; on an idle core the housekeeping runs as fast as before. On a core the event loops
 * saturate, the JIT gets little of it, so a service started into that much load compiles its hot
 * path late: the edge, whose loop saturates a core, leaves this off by default.
 *
 * <p>How: threads mark themselves as serving ({@link #markServing()}, done by every event loop of
 * {@code Transports}); a pass every second sets {@code nice} on every other thread of the process
 * listed in {@code /proc/self/task}, except the VM thread and the collector's threads, which stop
 * the world and must not be slowed. Threads started later (a new carrier, a new compiler) are
 * caught by the next pass. Raising one's own threads' nice value needs no privilege. Linux only:
 * elsewhere, or if the native calls fail, it logs once and does nothing.
 */
public final class BackgroundNice implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BackgroundNice.class);
  private static final Path TASKS = Path.of("/proc/self/task");
  private static final Set<Integer> SERVING = ConcurrentHashMap.newKeySet();

  private final int nice;
  private final ScheduledExecutorService pass;

  private BackgroundNice(int nice, ScheduledExecutorService pass) {
    this.nice = nice;
    this.pass = pass;
  }

  /**
   * Starts lowering every non-serving thread to {@code nice} (1 to 19), now and every second; with
   * 0, or where the kernel interface is missing, returns a handle that does nothing.
   */
  public static BackgroundNice start(int nice) {
    checkRange(nice); // before a thread is made for nothing
    return start(
        nice,
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("background-nice").factory()));
  }

  /**
   * As {@link #start(int)}, the passes run by {@code pass}, which the handle owns from now on (it
   * shuts it down): tests hand in a scheduler whose time they move, so "the next pass" needs no
   * waiting.
   */
  static BackgroundNice start(int nice, ScheduledExecutorService pass) {
    checkRange(nice);
    BackgroundNice handle = new BackgroundNice(nice, pass);
    if (nice == 0) {
      handle.pass.shutdown();
      return handle;
    }
    if (!ThreadPriority.available()) {
      log.info(
          "background-nice: not available here ({}), every thread keeps its priority",
          ThreadPriority.reason());
      handle.pass.shutdown();
      return handle;
    }
    handle.pass.scheduleWithFixedDelay(handle::guardedPass, 0, 1, TimeUnit.SECONDS);
    log.info(
        "background-nice: every thread but the event loops and the stop-the-world threads runs at nice {}",
        nice);
    return handle;
  }

  private static void checkRange(int nice) {
    if (nice < 0 || nice > 19)
      throw new IllegalArgumentException("nice must be 0 to 19, was " + nice);
  }

  /** Marks the calling thread as one that answers requests: it keeps its priority. */
  public static void markServing() {
    if (ThreadPriority.available()) SERVING.add(ThreadPriority.currentThreadId());
  }

  /** Forgets the calling thread as serving, when it ends. */
  public static void unmarkServing() {
    if (ThreadPriority.available()) SERVING.remove(ThreadPriority.currentThreadId());
  }

  /** One pass: lowers every thread not serving nor stopping the world; how many it changed. */
  int lowerOthers() throws IOException {
    int changed = 0;
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
      for (Path task : tasks) {
        int tid = Integer.parseInt(task.getFileName().toString());
        // the nice check first: a thread lowered before costs one syscall, not a read of its name
        if (SERVING.contains(tid) || ThreadPriority.nice(tid) >= nice || stopsTheWorld(task))
          continue;
        if (ThreadPriority.setNice(tid, nice)) changed++;
      }
    }
    return changed;
  }

  /**
   * The VM thread runs safepoint operations (the serial collector's pauses); GC threads do the
   * rest.
   */
  private static boolean stopsTheWorld(Path task) {
    try {
      String name = Files.readString(task.resolve("comm")).strip();
      return name.equals("VM Thread") || name.startsWith("GC Thread") || name.startsWith("G1 ");
    } catch (IOException e) {
      return true; // the thread has ended, or cannot be read: leave it alone
    }
  }

  private void guardedPass() {
    try {
      int changed = lowerOthers();
      if (changed > 0) log.debug("background-nice: {} threads set to nice {}", changed, nice);
    } catch (IOException | RuntimeException e) {
      log.warn("background-nice: pass failed, stopping: {}", e.toString());
      pass.shutdown();
    }
  }

  /** Stops the passes; when it returns, none is still running, so no thread changes after it. */
  @Override
  public void close() {
    pass.shutdownNow();
    try {
      pass.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
