package org.telcocdn.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ManualSchedulerTest {
  private final ManualScheduler scheduler = new ManualScheduler();
  private final List<String> ran = new ArrayList<>();

  @Test
  void nothingRunsUntilTheTimeIsMovedPastTheDelay() {
    scheduler.schedule(() -> ran.add("a"), 100, TimeUnit.MILLISECONDS);

    scheduler.advance(Duration.ofMillis(99));
    assertThat(ran).isEmpty();
    scheduler.advance(Duration.ofMillis(1));
    assertThat(ran).containsExactly("a");
    assertThat(scheduler.nanoTime()).isEqualTo(Duration.ofMillis(100).toNanos());
  }

  @Test
  void tasksRunInTimeOrder_andTiesInTheOrderScheduled() {
    scheduler.schedule(() -> ran.add("late"), 2, TimeUnit.SECONDS);
    scheduler.schedule(() -> ran.add("first"), 1, TimeUnit.SECONDS);
    scheduler.schedule(() -> ran.add("second"), 1, TimeUnit.SECONDS);

    scheduler.advance(Duration.ofSeconds(5));

    assertThat(ran).containsExactly("first", "second", "late");
  }

  @Test
  void aTaskSeesTheTimeItWasDueAt() {
    List<Long> seen = new ArrayList<>();
    scheduler.scheduleAtFixedRate(
        () -> seen.add(scheduler.nanoTime()), 0, 300, TimeUnit.MILLISECONDS);

    scheduler.advance(Duration.ofMillis(1000));

    assertThat(seen).containsExactly(0L, 300_000_000L, 600_000_000L, 900_000_000L);
  }

  @Test
  void fixedDelayCountsFromTheEndOfTheRun_andZeroDelayRunsOnRunDue() {
    scheduler.scheduleWithFixedDelay(() -> ran.add("pass"), 0, 1, TimeUnit.SECONDS);

    scheduler.runDue();
    assertThat(ran).hasSize(1);
    scheduler.advance(Duration.ofMillis(2500));
    assertThat(ran).hasSize(3);
  }

  @Test
  void cancelledTasksDoNotRun() {
    ScheduledFuture<?> task =
        scheduler.scheduleAtFixedRate(() -> ran.add("x"), 1, 1, TimeUnit.SECONDS);
    scheduler.advance(Duration.ofSeconds(1));
    task.cancel(false);

    scheduler.advance(Duration.ofSeconds(10));

    assertThat(ran).containsExactly("x");
  }

  @Test
  void shutdownDropsPeriodicTasks_keepsDelayedOnes_andRefusesNewOnes() {
    scheduler.scheduleAtFixedRate(() -> ran.add("periodic"), 1, 1, TimeUnit.SECONDS);
    scheduler.schedule(() -> ran.add("once"), 1, TimeUnit.SECONDS);

    scheduler.shutdown();
    assertThat(scheduler.isTerminated()).isFalse();
    scheduler.advance(Duration.ofSeconds(3));

    assertThat(ran).containsExactly("once");
    assertThat(scheduler.isTerminated()).isTrue();
    assertThatThrownBy(() -> scheduler.execute(() -> {}))
        .isInstanceOf(RejectedExecutionException.class);
  }

  @Test
  void shutdownNowReturnsWhatWouldHaveRun() {
    scheduler.schedule(() -> ran.add("never"), 1, TimeUnit.SECONDS);

    assertThat(scheduler.shutdownNow()).hasSize(1);
    scheduler.advance(Duration.ofSeconds(2));
    assertThat(ran).isEmpty();
  }

  @Test
  void submitRunsOnTheNextRunDue() throws Exception {
    var answer = scheduler.submit(() -> 42);

    assertThat(answer.isDone()).isFalse();
    scheduler.runDue();
    assertThat(answer.get()).isEqualTo(42);
  }
}
