package org.telcocdn.cli.netns;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;

/**
 * The packet delay line of every link, in one thread: the kernel here has no netem, so each link's
 * packets are redirected on arrival (tc ingress, u32 + mirred) to a tun device, read here, held for
 * the link's one-way delay ± jitter and written back to the same tun, from where the kernel routes
 * them on as if they had just arrived. Nothing is terminated: TCP handshakes, windows and
 * retransmissions are the endpoints' own, end to end.
 *
 * <p>The loop: release every packet whose time has come, then sleep in {@code epoll_pwait2} until
 * the next departure or an arrival, then read all that arrived. Timestamps are taken when a packet
 * is read, so the delay line adds its own wake-up latency (tens of microseconds on an idle core) on
 * top of the configured delay; the timer slack is cut to 1 µs so sleeps end on time. Departures
 * themselves would be late by the wake-up and the write (22-28 µs on average here, measured), so
 * the loop releases each packet {@code lead} early, a lead that follows the measured lateness (each
 * departure moves it by 1/64 of its error, the error capped at ±50 µs, the lead kept between 0 and
 * {@value #MAX_LEAD_NANOS} ns), which centres departures on their due time.
 */
final class DelayLine {
  private static final long IDLE_WAKE_NANOS = 200_000_000L;
  static final long MAX_LEAD_NANOS = 200_000L;
  private final List<PacketQueue> queues;
  private final int epoll;
  private final MemorySegment events;
  private final MemorySegment timeout;

  /** Where a packet that finds its queue full is read to be dropped. */
  private final MemorySegment scratch;

  private final int realtimePriority;
  private volatile boolean running = true;
  private int gone;
  private long writeErrors;

  /**
   * How late packets left, in sum and at worst: the delay line's own error, beyond the link's
   * delay.
   */
  private long lateNanos;

  private long maxLateNanos;
  private long released;

  /**
   * How early packets are released to make up for the loop's own lateness; see the class comment.
   */
  private long lead;

  private long wakeups;

  /**
   * @param realtimePriority SCHED_FIFO priority of the loop thread, 0 for an ordinary thread
   */
  DelayLine(List<PacketQueue> queues, Arena arena, int realtimePriority) {
    this.queues = queues;
    this.realtimePriority = realtimePriority;
    this.events = arena.allocate((long) Syscalls.EPOLL_EVENT_BYTES * Math.max(1, queues.size()), 8);
    this.timeout = arena.allocate(16, 8);
    this.scratch = arena.allocate(PacketQueue.SLOT, 64);
    this.epoll = Syscalls.epollCreate();
    if (epoll < 0)
      throw new IllegalStateException("epoll_create1 failed (errno " + Syscalls.errno() + ")");
    for (int i = 0; i < queues.size(); i++) {
      if (Syscalls.epollAdd(epoll, queues.get(i).fd, i) != 0) {
        throw new IllegalStateException(
            "epoll_ctl " + queues.get(i).name + " failed (errno " + Syscalls.errno() + ")");
      }
    }
  }

  void stop() {
    running = false;
  }

  long writeErrors() {
    return writeErrors;
  }

  /** Mean lateness of a departure after its write, in microseconds (negative: early). */
  double meanLateMicros() {
    return released == 0 ? 0 : lateNanos / 1e3 / released;
  }

  long wakeups() {
    return wakeups;
  }

  double leadMicros() {
    return lead / 1e3;
  }

  double maxLateMicros() {
    return maxLateNanos / 1e3;
  }

  /** Runs until {@link #stop()}; call on the thread that owns the loop. */
  void run() {
    Syscalls.setTimerSlack(1);
    if (realtimePriority > 0 && Syscalls.realtime(realtimePriority) != 0) {
      System.err.println(
          "delay line: no real-time priority (errno "
              + Syscalls.errno()
              + "); delays will stretch on a busy host");
    }
    while (running) {
      long next = release(System.nanoTime());
      long wait =
          next == Long.MAX_VALUE ? IDLE_WAKE_NANOS : Math.max(0, next - lead - System.nanoTime());
      timeout.set(ValueLayout.JAVA_LONG, 0, wait / 1_000_000_000L);
      timeout.set(ValueLayout.JAVA_LONG, 8, wait % 1_000_000_000L);
      int ready = Syscalls.epollWait(epoll, events, Math.max(1, queues.size()), timeout);
      wakeups++;
      if (ready > 0) receive(ready, System.nanoTime());
    }
  }

  /** Writes back every packet due by {@code now}; returns the earliest departure still waiting. */
  private long release(long now) {
    long next = Long.MAX_VALUE;
    for (PacketQueue q : queues) {
      while (!q.isEmpty() && q.headDue() - lead <= now) {
        if (Syscalls.write(q.fd, q.headSlot(), q.headLength()) < 0) writeErrors++;
        long late = System.nanoTime() - q.headDue();
        lateNanos += late;
        maxLateNanos = Math.max(maxLateNanos, late);
        released++;
        // A stall of milliseconds (the host busy) says nothing of the usual lateness: count at most
        // 50 µs of it.
        lead = Math.clamp(lead + Math.clamp(late, -50_000L, 50_000L) / 64, 0, MAX_LEAD_NANOS);
        q.departed();
      }
      if (!q.isEmpty()) next = Math.min(next, q.headDue());
    }
    return next;
  }

  private void receive(int ready, long now) {
    for (int e = 0; e < ready; e++) {
      long at = (long) e * Syscalls.EPOLL_EVENT_BYTES;
      int mask = events.get(ValueLayout.JAVA_INT_UNALIGNED, at);
      int i = (int) events.get(ValueLayout.JAVA_LONG_UNALIGNED, at + 4);
      if ((mask & Syscalls.EPOLLIN) != 0) drain(queues.get(i), now);
      if ((mask & (Syscalls.EPOLLERR | Syscalls.EPOLLHUP)) != 0) forget(i);
    }
  }

  /**
   * Stops polling a tun whose device is gone (its namespace was deleted under us): polled on, it
   * would report an error at once on every turn, a busy loop at real-time priority.
   */
  private void forget(int i) {
    Syscalls.epollRemove(epoll, queues.get(i).fd);
    System.err.println("delay line: " + queues.get(i).name + " is gone; no longer polled");
    // With every namespace gone (deleted by `cdn down`, or by hand after a crash) there is nothing
    // left to carry: exit rather than stay behind as an orphan.
    if (++gone == queues.size()) {
      System.err.println("delay line: every tun is gone; exiting");
      running = false;
    }
  }

  /** Reads until the tun is empty; a packet that finds the queue full is read and dropped. */
  private void drain(PacketQueue q, long now) {
    while (true) {
      if (q.isFull()) {
        long n = Syscalls.read(q.fd, scratch, PacketQueue.SLOT);
        if (n < 0) return;
        q.dropped++;
        continue;
      }
      long n = Syscalls.read(q.fd, q.tailSlot(), PacketQueue.SLOT);
      if (n < 0) return;
      q.arrived((int) n, now);
    }
  }
}
