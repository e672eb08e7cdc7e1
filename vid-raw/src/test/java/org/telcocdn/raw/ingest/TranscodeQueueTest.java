package org.telcocdn.raw.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.telcocdn.common.http.ApiException;
import org.telcocdn.common.http.UploadAdmission;
import org.telcocdn.testkit.Await;
import org.telcocdn.testkit.TestClock;

class TranscodeQueueTest {
  private final AtomicInteger refusals = new AtomicInteger();
  private final TestClock clock = TestClock.manual();

  @Test
  void admit_refusesBeyondConcurrencyPlusBacklogWith503AndRetryAfter() {
    TranscodeQueue queue = new TranscodeQueue(1, 2, refusals::incrementAndGet, clock);
    List<UploadAdmission.Pass> passes = new ArrayList<>();
    for (int i = 0; i < 3; i++) passes.add(queue.admit());

    ApiException refused = catchThrowableOfType(ApiException.class, queue::admit);

    assertThat(refused.status()).isEqualTo(503);
    assertThat(refused.error()).isEqualTo("ingest_busy");
    assertThat(refused.headers()).containsEntry("Retry-After", "30");
    assertThat(refused.toResponse().headers()).containsEntry("Retry-After", "30");
    assertThat(refusals).hasValue(1);
    assertThat(queue.admitted()).isEqualTo(3);

    passes.getFirst().release();
    passes.getFirst().release(); // a second release frees nothing more
    assertThat(queue.admitted()).isEqualTo(2);
    queue.admit();
    catchThrowableOfType(ApiException.class, queue::admit);
    assertThat(refusals).hasValue(2);
  }

  @Test
  void admit_withoutBacklogTakesOnlyTheConcurrency() {
    TranscodeQueue queue = new TranscodeQueue(2, 0, refusals::incrementAndGet, clock);
    queue.admit();
    queue.admit();
    assertThat(catchThrowableOfType(ApiException.class, queue::admit).status()).isEqualTo(503);
  }

  @Test
  void start_runsAtMostConcurrencyTranscodesAndTheNextWaits() throws Exception {
    TranscodeQueue queue = new TranscodeQueue(2, 5, refusals::incrementAndGet, clock);
    TranscodeQueue.Running first = queue.start();
    TranscodeQueue.Running second = queue.start();
    Thread[] waiter = new Thread[1];
    CompletableFuture<TranscodeQueue.Running> third =
        CompletableFuture.supplyAsync(
            () -> {
              waiter[0] = Thread.currentThread();
              try {
                return queue.start();
              } catch (InterruptedException e) {
                throw new CompletionException(e);
              }
            });
    Await.until(
        Duration.ofSeconds(10),
        "the third transcode waiting",
        () -> waiter[0] != null && waiter[0].getState() == Thread.State.WAITING);
    assertThat(third).isNotDone();
    assertThat(queue.running()).isEqualTo(2);

    first.close();
    first.close(); // closing twice frees one place, not two
    TranscodeQueue.Running started = third.get();
    assertThat(queue.running()).isEqualTo(2);
    second.close();
    started.close();
    assertThat(queue.running()).isZero();
  }

  @Test
  void retryAfter_followsRecentTranscodeTimesOverTheConcurrency() throws Exception {
    TranscodeQueue queue = new TranscodeQueue(2, 0, refusals::incrementAndGet, clock);
    assertThat(queue.retryAfter()).isEqualTo(Duration.ofSeconds(15));
    for (int i = 0; i < 20; i++) {
      TranscodeQueue.Running running = queue.start();
      clock.advance(Duration.ofSeconds(100));
      running.close();
    }
    assertThat(queue.retryAfter()).isBetween(Duration.ofSeconds(49), Duration.ofSeconds(50));
    for (int i = 0; i < 20; i++) {
      TranscodeQueue.Running running = queue.start();
      clock.advance(Duration.ofHours(2));
      running.close();
    }
    assertThat(queue.retryAfter()).as("capped").isEqualTo(Duration.ofMinutes(10));
  }
}
