package org.telcocdn.common.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.telcocdn.testkit.ManualScheduler;

/**
 * Real threads of this JVM and the kernel's view of their nice values (Linux only); the passes run
 * on this test's thread when it moves the scheduler's time, so nothing waits for a second to pass.
 * The nice value of a thread can only go up without privilege, so each check compares against the
 * value a thread had when it started, not against 0.
 */
class BackgroundNiceTest {
  private final CountDownLatch release = new CountDownLatch(1);
  private final ManualScheduler passes = new ManualScheduler();

  @BeforeEach
  void linuxOnly() {
    assumeTrue(ThreadPriority.available(), "needs Linux's setpriority");
  }

  @AfterEach
  void releaseThreads() {
    release.countDown();
  }

  @Test
  void lowersEveryThreadButTheServingOnesAndTheVmThread() throws Exception {
    Parked serving = park(true);
    Parked background = park(false);
    int servingBefore = ThreadPriority.nice(serving.tid());
    int vmThreadBefore = ThreadPriority.nice(vmThread());
    int target = Math.min(19, Math.max(servingBefore, background.startNice()) + 2);

    try (BackgroundNice ignored = BackgroundNice.start(target, passes)) {
      passes.runDue(); // the first pass runs at once
      assertThat(ThreadPriority.nice(background.tid())).isEqualTo(target);

      Parked later = park(false);
      assertThat(ThreadPriority.nice(later.tid()))
          .as("before the next pass")
          .isEqualTo(later.startNice());
      passes.advance(Duration.ofSeconds(1));
      assertThat(ThreadPriority.nice(later.tid())).as("caught by the next pass").isEqualTo(target);
    }
    assertThat(ThreadPriority.nice(serving.tid())).isEqualTo(servingBefore);
    assertThat(ThreadPriority.nice(vmThread())).isEqualTo(vmThreadBefore);
    assertThat(passes.isShutdown()).as("closing stops the passes").isTrue();
  }

  @Test
  void zeroLeavesEveryThreadAlone() throws Exception {
    Parked background = park(false);

    try (BackgroundNice ignored = BackgroundNice.start(0, passes)) {
      passes.advance(Duration.ofSeconds(5)); // five passes' worth of time
    }

    assertThat(ThreadPriority.nice(background.tid())).isEqualTo(background.startNice());
    assertThat(passes.queued()).isZero();
  }

  @Test
  void refusesNiceValuesOutsideOneToNineteen() {
    assertThatThrownBy(() -> BackgroundNice.start(20)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BackgroundNice.start(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  private record Parked(int tid, int startNice) {}

  /** A platform thread that records its id and nice value, then waits until the test ends. */
  private Parked park(boolean serving) throws Exception {
    CompletableFuture<Parked> started = new CompletableFuture<>();
    Thread.ofPlatform()
        .daemon()
        .start(
            () -> {
              if (serving) BackgroundNice.markServing();
              int tid = ThreadPriority.currentThreadId();
              started.complete(new Parked(tid, ThreadPriority.nice(tid)));
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } finally {
                if (serving) BackgroundNice.unmarkServing();
              }
            });
    return started.get(5, TimeUnit.SECONDS);
  }

  private static int vmThread() throws Exception {
    try (var tasks = Files.list(Path.of("/proc/self/task"))) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        if (Files.readString(task.resolve("comm")).strip().equals("VM Thread")) {
          return Integer.parseInt(task.getFileName().toString());
        }
      }
    }
    throw new AssertionError("no VM Thread in /proc/self/task");
  }
}
