package org.telcocdn.cli.netns;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;

/**
 * The packets of one link direction in flight: a ring of fixed slots, each with its length and the
 * time it may leave. Departures are kept in arrival order (a packet never leaves before the one
 * ahead of it, whatever its own jitter drew), because real paths rarely reorder and a TCP receiver
 * treats reordering as loss; so a FIFO is all the scheduling there is.
 */
final class PacketQueue {
  /** Slot size: one IP packet up to the links' MTU of 1500, with room to spare. */
  static final int SLOT = 2048;

  final int fd;
  final String name;
  private final long delayNanos;
  private final long jitterNanos;
  private final SplittableRandom random;
  private final MemorySegment slots;
  private final int[] lengths;
  private final long[] due;
  private int head;
  private int size;
  private long lastDue;
  long packets;
  long bytes;
  long dropped;
  int maxQueued;

  PacketQueue(int fd, DelayLineConfig.Direction d, Arena arena) {
    this.fd = fd;
    this.name = d.namespace() + "/" + d.device();
    this.delayNanos = Math.round(d.oneWayMs() * 1e6);
    this.jitterNanos = Math.round(d.jitterMs() * 1e6);
    this.random = new SplittableRandom(d.seed());
    this.slots = arena.allocate((long) d.capacity() * SLOT, 64);
    this.lengths = new int[d.capacity()];
    this.due = new long[d.capacity()];
  }

  boolean isEmpty() {
    return size == 0;
  }

  boolean isFull() {
    return size == lengths.length;
  }

  /** Departure time of the packet at the head; only when not empty. */
  long headDue() {
    return due[head];
  }

  /** The slot the next arrival is read into. */
  MemorySegment tailSlot() {
    return slots.asSlice((long) ((head + size) % lengths.length) * SLOT, SLOT);
  }

  /** Commits the packet just read into {@link #tailSlot()}, arrived at {@code now}. */
  void arrived(int length, long now) {
    int tail = (head + size) % lengths.length;
    long jitter = jitterNanos == 0 ? 0 : random.nextLong(-jitterNanos, jitterNanos + 1);
    long leave = Math.max(now + delayNanos + jitter, lastDue);
    lengths[tail] = length;
    due[tail] = leave;
    lastDue = leave;
    size++;
    maxQueued = Math.max(maxQueued, size);
    packets++;
    bytes += length;
  }

  MemorySegment headSlot() {
    return slots.asSlice((long) head * SLOT, SLOT);
  }

  int headLength() {
    return lengths[head];
  }

  /**
   * Departure time of the {@code i}-th packet ever queued, while it is still queued (for tests).
   */
  long dueAt(long i) {
    return due[(int) (i % lengths.length)];
  }

  void departed() {
    head = (head + 1) % lengths.length;
    size--;
  }
}
