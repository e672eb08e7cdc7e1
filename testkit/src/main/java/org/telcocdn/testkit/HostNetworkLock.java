package org.telcocdn.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Serialises the tests that build a simulated network on this host (namespaces, host routes): two
 * such tests at once, from two builds on one machine, would fight over the same names and routes.
 * Held through a file lock on {@code /tmp/cdn-simulated-network.lock}, so it works across
 * processes.
 */
public final class HostNetworkLock implements AutoCloseable {
  private static final Path FILE = Path.of("/tmp/cdn-simulated-network.lock");
  private final FileChannel channel;
  private final FileLock lock;

  private HostNetworkLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Blocks until no other test holds the lock. */
  public static HostNetworkLock acquire() {
    try {
      FileChannel channel =
          FileChannel.open(FILE, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      return new HostNetworkLock(channel, channel.lock());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock " + FILE, e);
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
