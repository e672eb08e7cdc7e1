package org.telcocdn.index;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.telcocdn.security.ServiceIdentity;
import org.telcocdn.security.ServiceRoles;
import org.telcocdn.testkit.Await;
import org.telcocdn.testkit.FreePorts;
import org.telcocdn.testkit.TestCredentials;

/**
 * An in-process group of index members on 127.0.0.1 with free ports and storage under a directory
 * of the test's: members can be stopped (closed, as a crash would leave their disk), restarted from
 * their storage, and new ones started outside the group to be added.
 *
 * <p>The one cluster harness of the repository: other modules' tests (the broker's, the edge's) get
 * it from this module's test-jar rather than bootstrapping Raft members themselves. It lives here
 * and not in testkit because it needs {@link IndexServer}, and testkit must depend on no module of
 * ours.
 */
public final class IndexCluster implements AutoCloseable {
  private static final Duration ELECTION = Duration.ofSeconds(20);

  private final Path root;
  private final Map<String, String> settings;
  private final Map<String, IndexConfig> configs = new LinkedHashMap<>();
  private final Map<String, IndexServer> running = new LinkedHashMap<>();

  private IndexCluster(Path root, Map<String, String> settings) {
    this.root = root;
    this.settings = settings;
  }

  /** {@code size} members n1..nN, started together; returns once one of them leads. */
  public static IndexCluster start(Path root, int size) {
    return start(root, size, Map.of());
  }

  /** As {@link #start(Path, int)}, with more {@code index.*} settings for every member. */
  public static IndexCluster start(Path root, int size, Map<String, String> settings) {
    IndexCluster cluster = new IndexCluster(root, settings);
    int[] ports = FreePorts.many(size);
    List<IndexPeer> peers = new ArrayList<>();
    for (int i = 1; i <= size; i++) peers.add(new IndexPeer("n" + i, "127.0.0.1:" + ports[i - 1]));
    for (IndexPeer peer : peers)
      cluster.configs.put(peer.id(), cluster.config(peer.id(), spec(peers), false));
    try {
      cluster.configs.keySet().parallelStream().forEach(cluster::restart);
      cluster.awaitLeader(ELECTION);
    } catch (RuntimeException | AssertionError e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  private IndexConfig config(String id, String peers, boolean join) {
    return config(id, peers, join, Map.of());
  }

  private IndexConfig config(String id, String peers, boolean join, Map<String, String> own) {
    Map<String, String> more =
        new LinkedHashMap<>(TestCredentials.shared().settings(ServiceRoles.INDEX, id));
    more.putAll(settings);
    more.putAll(own);
    more.put("index.join", Boolean.toString(join));
    return IndexConfig.forTests(id, peers, root.resolve(id), more);
  }

  private static String spec(List<IndexPeer> peers) {
    return peers.stream().map(IndexPeer::toString).collect(Collectors.joining(","));
  }

  /** Every member ever started, running or not, as configured. */
  public List<IndexPeer> peers() {
    return configs.values().stream().map(IndexConfig::self).toList();
  }

  /**
   * {@link #peers()} as {@code index.peers} syntax, for {@code broker.index.peers}, {@code
   * edge.index.peers}.
   */
  public String peerSpec() {
    return spec(peers());
  }

  /**
   * A client of the running members, with an index member's certificate (so it may change the
   * membership too); the caller closes it.
   */
  public IndexClient client() {
    return IndexClient.connect(
        running().stream().map(s -> configs.get(s.id()).self()).toList(),
        TestCredentials.shared().tls(ServiceIdentity.of(ServiceRoles.INDEX, "test-client")));
  }

  public synchronized IndexServer member(String id) {
    return running.get(id);
  }

  public synchronized List<IndexServer> running() {
    return List.copyOf(running.values());
  }

  /** Starts a new member outside the group, for an add-member. */
  public IndexServer startJoiner(String id) {
    return startJoiner(id, Map.of());
  }

  /**
   * As {@link #startJoiner(String)}, with settings of its own over the cluster's (another CA's
   * {@code security.*}: a stranger that asks to join).
   */
  public IndexServer startJoiner(String id, Map<String, String> own) {
    IndexPeer peer = new IndexPeer(id, "127.0.0.1:" + FreePorts.one());
    configs.put(id, config(id, peerSpec() + "," + peer, true, own));
    return restart(id);
  }

  public void stop(String id) {
    IndexServer server;
    synchronized (this) {
      server = running.remove(id);
    }
    if (server != null) server.close();
  }

  public IndexServer restart(String id) {
    IndexServer server = IndexServer.start(configs.get(id));
    synchronized (this) {
      running.put(id, server);
    }
    return server;
  }

  public Optional<IndexServer> leader() {
    return running().stream().filter(s -> "LEADER".equals(s.status().role())).findFirst();
  }

  public IndexServer awaitLeader(Duration timeout) {
    Await.until(timeout, "an index leader", () -> leader().isPresent());
    return leader().orElseThrow();
  }

  @Override
  public void close() {
    List<IndexServer> members;
    synchronized (this) {
      members = List.copyOf(running.values());
      running.clear();
    }
    members.forEach(IndexServer::close);
  }
}
