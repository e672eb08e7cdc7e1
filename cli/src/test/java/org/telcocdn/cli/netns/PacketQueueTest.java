package org.telcocdn.cli.netns;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import org.junit.jupiter.api.Test;

class PacketQueueTest {
  @Test
  void eachPacketWaitsTheDelayWithinTheJitterAndNoneOvertakes() {
    try (Arena arena = Arena.ofConfined()) {
      PacketQueue q =
          new PacketQueue(-1, new DelayLineConfig.Direction("ns", "d0", 2.0, 1.0, 256, 7), arena);
      long previous = 0;
      for (int i = 0; i < 200; i++) {
        long now =
            1_000_000_000L + i * 10_000L; // one packet every 10 µs: far closer than the jitter
        q.tailSlot().set(java.lang.foreign.ValueLayout.JAVA_BYTE, 0, (byte) i);
        q.arrived(100, now);
        long due = dueOfLast(q, i);
        assertThat(due)
            .isGreaterThanOrEqualTo(previous)
            .isGreaterThanOrEqualTo(now + 1_000_000L)
            .isLessThanOrEqualTo(Math.max(previous, now + 3_000_000L));
        previous = due;
      }
      for (int i = 0; i < 200; i++) {
        assertThat(q.headSlot().get(java.lang.foreign.ValueLayout.JAVA_BYTE, 0))
            .isEqualTo((byte) i);
        q.departed();
      }
      assertThat(q.isEmpty()).isTrue();
    }
  }

  @Test
  void aFullQueueSaysSo() {
    try (Arena arena = Arena.ofConfined()) {
      PacketQueue q =
          new PacketQueue(
              -1,
              new DelayLineConfig.Direction("ns", "d0", 1.0, 0, 256, 1),
              arena); // capacity as configured
      for (int i = 0; i < 256; i++) q.arrived(60, i);
      assertThat(q.isFull()).isTrue();
      assertThat(q.headDue()).isEqualTo(1_000_000L);
    }
  }

  /**
   * The departure time of the packet just added: the head's after draining a copy is not possible,
   * so read the ring.
   */
  private static long dueOfLast(PacketQueue q, int i) {
    return q.dueAt(i);
  }
}
