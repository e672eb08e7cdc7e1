package org.telcocdn.cli.netns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.SocketTimeoutException;

/**
 * Counts the datagrams of one probe stream at its receiving end ({@link LinkProbe}'s loss and rate
 * streams): what arrived, the IP bytes after the first, and the first and last arrival times.
 *
 * <p>It stops when every datagram came, or once the sender has said it sent the last ({@link
 * #senderDone()}) and nothing more came for the link's drain time (or, when nothing came at all,
 * {@value #FIRST_ARRIVAL_MS} ms). Only then is the rest lost. A receiver that stopped after a
 * silence alone counted a sender's pause as loss: a sender held back for longer than the silence
 * (its JVM at a safepoint on a busy host) had everything it sent afterwards counted as lost.
 */
final class UdpReceiver {
  static final int FIRST_ARRIVAL_MS = 2000;
  private static final int UDP_IP_OVERHEAD = 28;

  /** How often a quiet receiver looks whether the sender is done. */
  private static final int TICK_MS = 20;

  private final DatagramSocket socket;
  private final int count;
  private final int payload;
  private final long drainNanos;
  private volatile long senderDoneAt;

  /**
   * @param drainMillis how long datagrams may still be on their way once the last is sent: the
   *     link's queues and delays drain in less
   */
  UdpReceiver(DatagramSocket socket, int count, int payload, long drainMillis) {
    this.socket = socket;
    this.count = count;
    this.payload = payload;
    this.drainNanos = drainMillis * 1_000_000L;
  }

  /** What the stream delivered, of {@code sent} datagrams. */
  record Arrivals(int sent, int received, long bytes, long firstNanos, long lastNanos) {
    double lossPct() {
      return 100.0 * (sent - received) / sent;
    }

    /** IP bytes after the first datagram over the time from the first to the last arrival. */
    double mbit() {
      return received < 2 || lastNanos == firstNanos
          ? 0
          : (bytes * 8 / 1e6) / ((lastNanos - firstNanos) / 1e9);
    }
  }

  /** Called by the sender once its last datagram is sent. */
  void senderDone() {
    senderDoneAt = System.nanoTime();
  }

  /** Receives until the stream is over (see the class comment); call on the receiving thread. */
  Arrivals receive() {
    byte[] buffer = new byte[payload];
    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
    int received = 0;
    long bytes = 0;
    long first = 0;
    long last = 0;
    try {
      socket.setSoTimeout(TICK_MS);
      while (received < count) {
        try {
          socket.receive(packet);
        } catch (SocketTimeoutException e) {
          if (over(received, last)) break;
          continue;
        }
        long now = System.nanoTime();
        if (received == 0) first = now;
        else bytes += packet.getLength() + UDP_IP_OVERHEAD;
        last = now;
        received++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Arrivals(count, received, bytes, first, last);
  }

  /** Whether the sender is done and the wait for what it sent last is up. */
  private boolean over(int received, long lastArrival) {
    long done = senderDoneAt;
    if (done == 0) return false;
    long quietSince = Math.max(done, lastArrival);
    long wait = received == 0 ? FIRST_ARRIVAL_MS * 1_000_000L : drainNanos;
    return System.nanoTime() - quietSince > wait;
  }
}
