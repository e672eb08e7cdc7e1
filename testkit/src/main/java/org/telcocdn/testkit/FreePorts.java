package org.telcocdn.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Loopback ports the kernel just handed out for port 0, for the few tests that must name a port
 * before a server binds it: services wired to each other by port (a Raft group, a topology file,
 * site peers that know each other's URL). A server that can report the port it bound should bind
 * port 0 instead. The port is free when returned; another process may take it before the test binds
 * it, which on loopback in a test run has not been seen to happen.
 */
public final class FreePorts {
  private FreePorts() {}

  /** One free loopback port. */
  public static int one() {
    return many(1)[0];
  }

  /** {@code n} distinct free loopback ports: all held open together, so no two are the same. */
  public static int[] many(int n) {
    List<ServerSocket> sockets = new ArrayList<>(n);
    try {
      for (int i = 0; i < n; i++)
        sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
      return sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port", e);
    } finally {
      sockets.forEach(FreePorts::closeQuietly);
    }
  }

  private static void closeQuietly(ServerSocket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // a socket that will not close still frees its port when the test JVM ends
    }
  }
}
