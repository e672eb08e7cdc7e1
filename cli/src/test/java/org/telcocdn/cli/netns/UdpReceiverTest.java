package org.telcocdn.cli.netns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The probe's UDP counter on loopback: when a stream is over, and what it calls lost. */
class UdpReceiverTest {
  private static final int PAYLOAD = 64;

  /**
   * A sender held back mid-stream (as a JVM at a safepoint on a busy host is) for far longer than
   * the drain time: what it sends afterwards still counts, since the stream is over only once the
   * sender says so.
   */
  @Test
  void aPauseOfTheSender_isNotLoss() throws Exception {
    try (DatagramChannel receiver = loopback();
        DatagramChannel sender = DatagramChannel.open()) {
      UdpReceiver counter = new UdpReceiver(receiver.socket(), 200, PAYLOAD, 50);
      CompletableFuture<UdpReceiver.Arrivals> arrivals =
          CompletableFuture.supplyAsync(counter::receive);

      send(sender, receiver, 0, 100);
      Thread.sleep(600); // the sender is held back; the receiver waits
      send(sender, receiver, 100, 100);
      counter.senderDone();

      UdpReceiver.Arrivals result = arrivals.get();
      assertThat(result.received()).isEqualTo(200);
      assertThat(result.lossPct()).isZero();
    }
  }

  /** What never came, once the sender is done and the drain time has passed, is lost. */
  @Test
  void whatHasNotComeAfterTheDrainTime_isLost() throws Exception {
    try (DatagramChannel receiver = loopback();
        DatagramChannel sender = DatagramChannel.open()) {
      UdpReceiver counter = new UdpReceiver(receiver.socket(), 200, PAYLOAD, 50);
      CompletableFuture<UdpReceiver.Arrivals> arrivals =
          CompletableFuture.supplyAsync(counter::receive);

      send(sender, receiver, 0, 150); // the other 50 "lost on the way"
      counter.senderDone();

      UdpReceiver.Arrivals result = arrivals.get();
      assertThat(result.sent()).isEqualTo(200);
      assertThat(result.received()).isEqualTo(150);
      assertThat(result.lossPct()).isEqualTo(25.0);
    }
  }

  private static DatagramChannel loopback() throws Exception {
    return DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
  }

  private static void send(DatagramChannel sender, DatagramChannel to, int from, int n)
      throws Exception {
    ByteBuffer datagram = ByteBuffer.allocate(PAYLOAD);
    for (int i = from; i < from + n; i++) {
      sender.send(datagram.clear().putInt(0, i), to.getLocalAddress());
      if (i % 20 == 19) Thread.sleep(1); // paced, so the loopback never overflows the buffer
    }
  }
}
