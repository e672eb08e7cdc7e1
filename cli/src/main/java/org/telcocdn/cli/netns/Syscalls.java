package org.telcocdn.cli.netns;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The Linux calls the delay line and the probes need, through the FFM API: {@code open}, {@code
 * ioctl(TUNSETIFF)}, {@code read}/{@code write} of packets, {@code epoll} with a nanosecond timeout
 * ({@code epoll_pwait2}), {@code setns} into a network namespace, {@code prctl(PR_SET_TIMERSLACK)}
 * and {@code sched_setscheduler}. Each returns the call's result; a negative one comes with {@link
 * #errno()} of the calling thread.
 */
final class Syscalls {
  static final int O_RDONLY = 0;
  static final int O_RDWR = 2;
  static final int O_NONBLOCK = 0x800;
  static final int O_CLOEXEC = 0x80000;
  static final int CLONE_NEWNET = 0x40000000;
  static final long TUNSETIFF = 0x400454caL;
  static final short IFF_TUN = 0x0001;
  static final short IFF_NO_PI = 0x1000;
  static final int EPOLLIN = 0x1;
  static final int EPOLLERR = 0x8;
  static final int EPOLLHUP = 0x10;
  private static final int EPOLL_CLOEXEC = 0x80000;
  private static final int EPOLL_CTL_ADD = 1;
  private static final int EPOLL_CTL_DEL = 2;

  /** {@code struct epoll_event} is packed on x86-64: a 32-bit mask, then 64 bits of user data. */
  static final int EPOLL_EVENT_BYTES = 12;

  static final int EAGAIN = 11;
  static final int EINTR = 4;
  private static final int PR_SET_TIMERSLACK = 29;
  private static final int SCHED_FIFO = 1;

  private static final Linker LINKER = Linker.nativeLinker();
  private static final SymbolLookup LIBC = LINKER.defaultLookup();
  private static final StructLayout ERRNO_STATE = Linker.Option.captureStateLayout();
  private static final VarHandle ERRNO =
      ERRNO_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
  private static final Linker.Option CAPTURE = Linker.Option.captureCallState("errno");
  private static final ThreadLocal<MemorySegment> STATE =
      ThreadLocal.withInitial(() -> Arena.global().allocate(ERRNO_STATE));

  private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;
  private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG;
  private static final MethodHandle OPEN =
      handle(
          "open",
          FunctionDescriptor.of(INT, ValueLayout.ADDRESS, INT, INT),
          CAPTURE,
          Linker.Option.firstVariadicArg(2));
  private static final MethodHandle CLOSE =
      handle("close", FunctionDescriptor.of(INT, INT), CAPTURE);
  private static final MethodHandle IOCTL =
      handle(
          "ioctl",
          FunctionDescriptor.of(INT, INT, LONG, ValueLayout.ADDRESS),
          CAPTURE,
          Linker.Option.firstVariadicArg(2));
  private static final MethodHandle READ =
      handle("read", FunctionDescriptor.of(LONG, INT, ValueLayout.ADDRESS, LONG), CAPTURE);
  private static final MethodHandle WRITE =
      handle("write", FunctionDescriptor.of(LONG, INT, ValueLayout.ADDRESS, LONG), CAPTURE);
  private static final MethodHandle EPOLL_CREATE1 =
      handle("epoll_create1", FunctionDescriptor.of(INT, INT), CAPTURE);
  private static final MethodHandle EPOLL_CTL =
      handle("epoll_ctl", FunctionDescriptor.of(INT, INT, INT, INT, ValueLayout.ADDRESS), CAPTURE);
  private static final MethodHandle EPOLL_PWAIT2 =
      handle(
          "epoll_pwait2",
          FunctionDescriptor.of(
              INT, INT, ValueLayout.ADDRESS, INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS),
          CAPTURE);
  private static final MethodHandle SETNS =
      handle("setns", FunctionDescriptor.of(INT, INT, INT), CAPTURE);
  private static final MethodHandle PRCTL =
      handle(
          "prctl",
          FunctionDescriptor.of(INT, INT, LONG),
          CAPTURE,
          Linker.Option.firstVariadicArg(1));

  private static final MethodHandle SCHED_SETSCHEDULER =
      handle(
          "sched_setscheduler", FunctionDescriptor.of(INT, INT, INT, ValueLayout.ADDRESS), CAPTURE);

  private Syscalls() {}

  /**
   * Puts the calling thread in the real-time FIFO class at {@code priority} (1 to 99): it then runs
   * as soon as it wakes, ahead of every ordinary thread, as the kernel's own packet processing
   * would. Returns 0, or -1 with {@link #errno()} (EPERM without root).
   */
  static int realtime(int priority) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment param = arena.allocate(ValueLayout.JAVA_INT);
      param.set(ValueLayout.JAVA_INT, 0, priority);
      return (int) SCHED_SETSCHEDULER.invokeExact(STATE.get(), 0, SCHED_FIFO, param);
    } catch (Throwable e) {
      throw new IllegalStateException("sched_setscheduler failed", e);
    }
  }

  /** The errno the calling thread's last call through this class left. */
  static int errno() {
    return (int) ERRNO.get(STATE.get(), 0L);
  }

  static int open(String path, int flags) {
    try (Arena arena = Arena.ofConfined()) {
      return (int) OPEN.invokeExact(STATE.get(), arena.allocateFrom(path), flags, 0);
    } catch (Throwable e) {
      throw new IllegalStateException("open failed", e);
    }
  }

  static int close(int fd) {
    try {
      return (int) CLOSE.invokeExact(STATE.get(), fd);
    } catch (Throwable e) {
      throw new IllegalStateException("close failed", e);
    }
  }

  static int ioctl(int fd, long request, MemorySegment arg) {
    try {
      return (int) IOCTL.invokeExact(STATE.get(), fd, request, arg);
    } catch (Throwable e) {
      throw new IllegalStateException("ioctl failed", e);
    }
  }

  static long read(int fd, MemorySegment buffer, long count) {
    try {
      return (long) READ.invokeExact(STATE.get(), fd, buffer, count);
    } catch (Throwable e) {
      throw new IllegalStateException("read failed", e);
    }
  }

  static long write(int fd, MemorySegment buffer, long count) {
    try {
      return (long) WRITE.invokeExact(STATE.get(), fd, buffer, count);
    } catch (Throwable e) {
      throw new IllegalStateException("write failed", e);
    }
  }

  static int epollCreate() {
    try {
      return (int) EPOLL_CREATE1.invokeExact(STATE.get(), EPOLL_CLOEXEC);
    } catch (Throwable e) {
      throw new IllegalStateException("epoll_create1 failed", e);
    }
  }

  /** Watches {@code fd} for input; {@code data} comes back with each of its events. */
  static int epollAdd(int epfd, int fd, long data) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment event = arena.allocate(EPOLL_EVENT_BYTES);
      event.set(ValueLayout.JAVA_INT_UNALIGNED, 0, EPOLLIN);
      event.set(ValueLayout.JAVA_LONG_UNALIGNED, 4, data);
      return (int) EPOLL_CTL.invokeExact(STATE.get(), epfd, EPOLL_CTL_ADD, fd, event);
    } catch (Throwable e) {
      throw new IllegalStateException("epoll_ctl failed", e);
    }
  }

  static int epollRemove(int epfd, int fd) {
    try {
      return (int) EPOLL_CTL.invokeExact(STATE.get(), epfd, EPOLL_CTL_DEL, fd, MemorySegment.NULL);
    } catch (Throwable e) {
      throw new IllegalStateException("epoll_ctl failed", e);
    }
  }

  /**
   * Waits for events on {@code epfd} for at most {@code timeout} (a {@code struct timespec}).
   * Unlike {@code ppoll}, the cost of a wait does not grow with the number of devices watched: the
   * telco example's delay line watches 30.
   */
  static int epollWait(int epfd, MemorySegment events, int max, MemorySegment timeout) {
    try {
      return (int)
          EPOLL_PWAIT2.invokeExact(STATE.get(), epfd, events, max, timeout, MemorySegment.NULL);
    } catch (Throwable e) {
      throw new IllegalStateException("epoll_pwait2 failed", e);
    }
  }

  static int setns(int fd, int type) {
    try {
      return (int) SETNS.invokeExact(STATE.get(), fd, type);
    } catch (Throwable e) {
      throw new IllegalStateException("setns failed", e);
    }
  }

  /**
   * Makes the calling thread's sleeps end within {@code nanos} of their deadline: the default slack
   * of 50 µs would be a sixth of the probe's 0.3 ms tolerance on every packet.
   */
  static int setTimerSlack(long nanos) {
    try {
      return (int) PRCTL.invokeExact(STATE.get(), PR_SET_TIMERSLACK, nanos);
    } catch (Throwable e) {
      throw new IllegalStateException("prctl failed", e);
    }
  }

  private static MethodHandle handle(
      String name, FunctionDescriptor descriptor, Linker.Option... options) {
    return LINKER.downcallHandle(
        LIBC.find(name).orElseThrow(() -> new IllegalStateException("libc has no " + name)),
        descriptor,
        options);
  }
}
