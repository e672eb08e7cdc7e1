package org.telcocdn.common.service;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * The Linux calls behind {@link BackgroundNice}, through the FFM API: {@code gettid} and {@code
 * getpriority}/{@code setpriority} on one thread ({@code PRIO_PROCESS} with a thread id: on Linux
 * the nice value is per thread). Bound once; {@link #available()} is false where they are not.
 */
final class ThreadPriority {
  private static final int PRIO_PROCESS = 0;
  private static final MethodHandle GETTID;
  private static final MethodHandle GETPRIORITY;
  private static final MethodHandle SETPRIORITY;
  private static final String UNAVAILABLE;

  static {
    MethodHandle gettid = null;
    MethodHandle getpriority = null;
    MethodHandle setpriority = null;
    String unavailable = null;
    try {
      if (!System.getProperty("os.name", "").equals("Linux"))
        throw new UnsupportedOperationException("not Linux");
      Linker linker = Linker.nativeLinker();
      SymbolLookup libc = linker.defaultLookup();
      gettid =
          linker.downcallHandle(
              libc.find("gettid").orElseThrow(), FunctionDescriptor.of(ValueLayout.JAVA_INT));
      getpriority =
          linker.downcallHandle(
              libc.find("getpriority").orElseThrow(),
              FunctionDescriptor.of(
                  ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
      setpriority =
          linker.downcallHandle(
              libc.find("setpriority").orElseThrow(),
              FunctionDescriptor.of(
                  ValueLayout.JAVA_INT,
                  ValueLayout.JAVA_INT,
                  ValueLayout.JAVA_INT,
                  ValueLayout.JAVA_INT));
    } catch (RuntimeException | Error e) {
      unavailable = e.toString();
    }
    GETTID = gettid;
    GETPRIORITY = getpriority;
    SETPRIORITY = setpriority;
    UNAVAILABLE = unavailable;
  }

  private ThreadPriority() {}

  static boolean available() {
    return UNAVAILABLE == null;
  }

  static String reason() {
    return UNAVAILABLE;
  }

  /** The kernel's id of the calling thread (what {@code /proc/self/task} lists). */
  static int currentThreadId() {
    try {
      return (int) GETTID.invokeExact();
    } catch (Throwable e) {
      throw new IllegalStateException("gettid failed", e);
    }
  }

  /**
   * The thread's nice value, -20 to 19. An error (the thread ended) reads as -1, like a nice of -1:
   * the caller then tries to set it, which fails harmlessly.
   */
  static int nice(int tid) {
    try {
      return (int) GETPRIORITY.invokeExact(PRIO_PROCESS, tid);
    } catch (Throwable e) {
      return -1;
    }
  }

  /**
   * Sets the thread's nice value; false if the kernel refused (the thread ended, or no permission).
   */
  static boolean setNice(int tid, int nice) {
    try {
      return (int) SETPRIORITY.invokeExact(PRIO_PROCESS, tid, nice) == 0;
    } catch (Throwable e) {
      return false;
    }
  }
}
