package org.telcocdn.cache.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.telcocdn.testkit.ManualScheduler;

/**
 * The watch on a clock moved by hand: a stall of exactly the limit, and idle time, are decided
 * without waiting.
 */
class StallWatchTest {
  private final ManualScheduler time = new ManualScheduler();

  @Test
  void aReadThatWaitsLongerThanTheLimitIsCutOff() {
    SilentPeer body = new SilentPeer(0);
    StallWatch watch = new StallWatch(body, 100, time, time::nanoTime);
    watch.reading();

    time.advance(Duration.ofMillis(100));
    assertThat(watch.stalled()).as("a read of exactly the limit").isFalse();
    time.advance(Duration.ofMillis(20)); // the next check, every limit / 5

    assertThat(watch.stalled()).isTrue();
    assertThatThrownBy(body::read).isInstanceOf(IOException.class).hasMessageContaining("closed");
  }

  @Test
  void timeBetweenReadsIsNotAStall() throws Exception {
    SilentPeer body = new SilentPeer(2);
    StallWatch watch = new StallWatch(body, 50, time, time::nanoTime);
    watch.reading();
    assertThat(body.read()).isEqualTo(1);
    watch.idle();

    time.advance(
        Duration.ofMillis(
            300)); // idle on purpose: this edge's disk is slow, the peer is not to blame
    watch.reading();
    time.advance(Duration.ofMillis(40));
    assertThat(body.read()).isEqualTo(1);
    watch.idle();
    time.advance(Duration.ofMillis(300));

    assertThat(watch.stalled()).isFalse();
    assertThat(body.closed()).isFalse();
  }

  @Test
  void aStoppedWatchChecksNoMore() {
    SilentPeer body = new SilentPeer(0);
    StallWatch watch = new StallWatch(body, 50, time, time::nanoTime);
    watch.stop();
    watch.reading();

    time.advance(Duration.ofSeconds(1));

    assertThat(watch.stalled()).isFalse();
    assertThat(body.closed()).isFalse();
    assertThat(time.queued()).isZero();
  }

  /**
   * Answers {@code bytes} reads at once, then blocks until closed, as a peer that stopped sending.
   */
  private static final class SilentPeer extends InputStream {
    private final AtomicInteger left;
    private final CountDownLatch closed = new CountDownLatch(1);

    SilentPeer(int bytes) {
      this.left = new AtomicInteger(bytes);
    }

    boolean closed() {
      return closed.getCount() == 0;
    }

    @Override
    public int read() throws IOException {
      if (left.getAndDecrement() > 0) return 1;
      try {
        if (!closed.await(10, TimeUnit.SECONDS))
          return -1; // bounded, so a broken watch fails the assertion instead of hanging
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      throw new IOException("closed");
    }

    @Override
    public void close() {
      closed.countDown();
    }
  }
}
