package org.telcocdn.cli.netns;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs code inside a named network namespace ({@code /var/run/netns/NAME}, as {@code ip netns add}
 * makes them) on a thread of its own. {@code setns} with {@code CLONE_NEWNET} moves only the
 * calling thread, so one process can open sockets and tun devices in every namespace: what it
 * creates there stays there after the thread is gone, and can be used from any thread. Needs
 * CAP_SYS_ADMIN (root).
 */
public final class NetNamespace {
  private NetNamespace() {}

  /** Calls {@code work} in a fresh platform thread that first entered {@code namespace}. */
  public static <T> T call(String namespace, Callable<T> work) {
    AtomicReference<T> result = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread thread =
        Thread.ofPlatform()
            .name("netns-" + namespace)
            .unstarted(
                () -> {
                  try {
                    enter(namespace);
                    result.set(work.call());
                  } catch (Throwable e) {
                    failure.set(e);
                  }
                });
    thread.start();
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while working in namespace " + namespace, e);
    }
    if (failure.get() instanceof RuntimeException e) throw e;
    if (failure.get() != null)
      throw new IllegalStateException(failure.get().getMessage(), failure.get());
    return result.get();
  }

  /** Starts a daemon platform thread that runs {@code work} inside {@code namespace}. */
  public static Thread start(String namespace, String name, Runnable work) {
    return Thread.ofPlatform()
        .daemon()
        .name(name)
        .start(
            () -> {
              enter(namespace);
              work.run();
            });
  }

  private static void enter(String namespace) {
    String path = "/var/run/netns/" + namespace;
    int fd = Syscalls.open(path, Syscalls.O_RDONLY | Syscalls.O_CLOEXEC);
    if (fd < 0)
      throw new IllegalStateException(
          "cannot open " + path + " (errno " + Syscalls.errno() + "): does the namespace exist?");
    try {
      if (Syscalls.setns(fd, Syscalls.CLONE_NEWNET) != 0) {
        throw new IllegalStateException(
            "setns into " + namespace + " failed (errno " + Syscalls.errno() + "); it needs root");
      }
    } finally {
      Syscalls.close(fd);
    }
  }
}
