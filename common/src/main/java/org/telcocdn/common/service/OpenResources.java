package org.telcocdn.common.service;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a server has opened (threads, channels, ports, files), closed in reverse order of opening:
 * by the server's own {@code close()}, or at once when its start-up fails halfway. It is what lets
 * every {@code XxxServer.start} follow one anatomy: compose everything, bind last, and if any step
 * throws, close what was opened so far, so a failed start leaves no thread, bound port or open file
 * behind.
 *
 * <pre>
 * OpenResources opened = new OpenResources();
 * try {
 *   Disk disk = opened.add(Disk.open(dir));
 *   EventLoopGroup group = opened.add(Transports.group("x", 2), g -&gt; g.shutdownGracefully().sync());
 *   Channel listener = opened.add(bind(group), ch -&gt; ch.close().sync());
 *   return new XxxServer(opened, ...);
 * } catch (RuntimeException | Error e) {
 *   opened.close();
 *   throw e;
 * }
 * </pre>
 *
 * Closing goes on past a resource that fails to close (logged), and happens once. Not thread-safe:
 * resources are added by the starting thread, and closed by one thread.
 */
public final class OpenResources implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(OpenResources.class);

  /** How to close a resource that is not {@link AutoCloseable}, or not in the way it needs. */
  @FunctionalInterface
  public interface Closing<T> {
    void close(T resource) throws Exception;
  }

  private final Deque<Runnable> closing = new ArrayDeque<>();
  private boolean closed;

  /** Adds {@code resource}, closed by its own {@code close()}; returns it. */
  public <T extends AutoCloseable> T add(T resource) {
    return add(resource, AutoCloseable::close);
  }

  /**
   * Adds {@code resource}, closed by {@code how}; returns it. After {@link #close()}: closes it and
   * throws.
   */
  public <T> T add(T resource, Closing<? super T> how) {
    if (closed) {
      closeQuietly(resource, how);
      throw new IllegalStateException(
          "resources already closed; " + resource + " was closed at once");
    }
    closing.push(() -> closeQuietly(resource, how));
    return resource;
  }

  /** Closes everything added, the last added first. */
  @Override
  public void close() {
    if (closed) return;
    closed = true;
    while (!closing.isEmpty()) closing.pop().run();
  }

  private static <T> void closeQuietly(T resource, Closing<? super T> how) {
    try {
      how.close(resource);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      log.warn("interrupted while closing {}", resource);
    } catch (Exception e) {
      log.warn("closing {} failed; closing the rest", resource, e);
    }
  }
}
