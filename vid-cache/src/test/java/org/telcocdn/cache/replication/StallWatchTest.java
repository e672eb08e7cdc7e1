package org.telcocdn.cache.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StallWatchTest {

  @Test
  void aReadThatWaitsTooLongIsCutOff() {
    SilentPeer body = new SilentPeer(Integer.MAX_VALUE);
    StallWatch watch = new StallWatch(body, 100);
    watch.reading();
    assertThatThrownBy(body::read).isInstanceOf(IOException.class).hasMessageContaining("closed");
    assertThat(watch.stalled()).isTrue();
  }

  @Test
  void timeBetweenReadsIsNotAStall() throws Exception {
    SilentPeer body = new SilentPeer(2);
    StallWatch watch = new StallWatch(body, 50);
    watch.reading();
    assertThat(body.read()).isEqualTo(1);
    watch.idle();
    Thread.sleep(300); // idle on purpose: this edge's disk is slow, the peer is not to blame
    watch.reading();
    assertThat(body.read()).isEqualTo(1);
    watch.idle();
    watch.stop();
    assertThat(watch.stalled()).isFalse();
  }

  /** Answers {@code bytes} reads at once, then blocks until closed, as a peer that stopped sending. */
  private static final class SilentPeer extends InputStream {
    private final AtomicInteger left;
    private final CountDownLatch closed = new CountDownLatch(1);

    SilentPeer(int bytes) {
      this.left = new AtomicInteger(bytes == Integer.MAX_VALUE ? 0 : bytes);
    }

    @Override
    public int read() throws IOException {
      if (left.getAndDecrement() > 0) return 1;
      try {
        if (!closed.await(10, TimeUnit.SECONDS)) return -1; // bounded, so a broken watch fails the assertion instead of hanging
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
