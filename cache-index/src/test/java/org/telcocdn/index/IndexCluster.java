package org.telcocdn.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * An in-process group of index members on 127.0.0.1 with free ports and storage under a temporary
 * directory: members can be stopped (closed, as a crash would leave their disk), restarted from their
 * storage, and new ones started outside the group to be added.
 */
final class IndexCluster implements AutoCloseable {
  private final Path root;
  private final Map<String, String> settings;
  private final Map<String, IndexConfig> configs = new LinkedHashMap<>();
  private final Map<String, IndexServer> running = new LinkedHashMap<>();

  private IndexCluster(Path root, Map<String, String> settings) {
    this.root = root;
    this.settings = settings;
  }

  static IndexCluster start(Path root, int size) {
    return start(root, size, Map.of());
  }

  static IndexCluster start(Path root, int size, Map<String, String> settings) {
    IndexCluster cluster = new IndexCluster(root, settings);
    List<IndexPeer> peers = new ArrayList<>();
    for (int i = 1; i <= size; i++) peers.add(new IndexPeer("n" + i, "127.0.0.1:" + freePort()));
    String spec = peers.stream().map(IndexPeer::toString).collect(Collectors.joining(","));
    for (IndexPeer peer : peers) cluster.configs.put(peer.id(), cluster.config(peer.id(), spec, false));
    cluster.configs.keySet().parallelStream().forEach(cluster::restart);
    cluster.awaitLeader(Duration.ofSeconds(20));
    return cluster;
  }

  private IndexConfig config(String id, String peers, boolean join) {
    Map<String, String> more = new LinkedHashMap<>(settings);
    more.put("index.join", Boolean.toString(join));
    return IndexConfig.forTests(id, peers, root.resolve(id), more);
  }

  List<IndexPeer> peers() {
    return configs.values().stream().map(IndexConfig::self).toList();
  }

  IndexClient client() {
    return IndexClient.connect(running.values().stream().map(s -> configs.get(s.id()).self()).toList());
  }

  IndexServer member(String id) {
    return running.get(id);
  }

  List<IndexServer> running() {
    return List.copyOf(running.values());
  }

  /** Starts a new member outside the group, for an add-member. */
  IndexServer startJoiner(String id) {
    IndexPeer peer = new IndexPeer(id, "127.0.0.1:" + freePort());
    String spec = peers().stream().map(IndexPeer::toString).collect(Collectors.joining(",")) + "," + peer;
    configs.put(id, config(id, spec, true));
    return restart(id);
  }

  synchronized void stop(String id) {
    IndexServer server = running.remove(id);
    if (server != null) server.close();
  }

  IndexServer restart(String id) {
    IndexServer server = IndexServer.start(configs.get(id));
    synchronized (this) {
      running.put(id, server);
    }
    return server;
  }

  Optional<IndexServer> leader() {
    return running.values().stream().filter(s -> "LEADER".equals(s.status().role())).findFirst();
  }

  IndexServer awaitLeader(Duration timeout) {
    await(timeout, () -> leader().isPresent(), "no leader elected");
    return leader().orElseThrow();
  }

  static void await(Duration timeout, BooleanSupplier condition, String failure) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError(failure + " within " + timeout);
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
  }

  @Override
  public synchronized void close() {
    running.values().forEach(IndexServer::close);
    running.clear();
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
