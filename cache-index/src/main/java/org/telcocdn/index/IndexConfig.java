package org.telcocdn.index;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.telcocdn.common.config.ConfigException;
import org.telcocdn.common.config.Settings;

/**
 * Every setting of one cache-index member, with its default.
 *
 * <table>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>index.id</td><td>n1</td><td>this member's id; must appear in index.peers</td></tr>
 *   <tr><td>index.peers</td><td>n1=127.0.0.1:9861,n2=127.0.0.1:9862,n3=127.0.0.1:9863</td><td>the group at first start: ID=HOST:PORT of each member's Raft transport</td></tr>
 *   <tr><td>index.port</td><td>the port of this member in index.peers</td><td>Raft (gRPC) port to bind</td></tr>
 *   <tr><td>index.host</td><td>127.0.0.1</td><td>address of the HTTP endpoint</td></tr>
 *   <tr><td>index.http-port</td><td>9871</td><td>/health, /metrics, /status, /members (0 = any, for tests)</td></tr>
 *   <tr><td>index.storage-dir</td><td>data/cache-index/ID</td><td>Raft log and snapshots</td></tr>
 *   <tr><td>index.snapshot-threshold</td><td>10000</td><td>log entries after which a snapshot is taken and the log behind it purged</td></tr>
 *   <tr><td>index.segment-size</td><td>1MiB</td><td>Raft log segment size; only whole closed segments are purged</td></tr>
 *   <tr><td>index.election-timeout</td><td>500ms</td><td>minimum election timeout; the maximum is twice this</td></tr>
 *   <tr><td>index.join</td><td>false</td><td>start outside the group and wait for `cdn index add-member`</td></tr>
 * </table>
 */
public record IndexConfig(
    String id,
    List<IndexPeer> peers,
    int port,
    String host,
    int httpPort,
    Path storageDir,
    long snapshotThreshold,
    long segmentBytes,
    Duration electionTimeout,
    boolean join) {

  public static final String DEFAULT_PEERS = "n1=127.0.0.1:9861,n2=127.0.0.1:9862,n3=127.0.0.1:9863";

  public IndexConfig {
    peers = List.copyOf(peers);
    if (peers.stream().noneMatch(p -> p.id().equals(id))) {
      throw new ConfigException("index.id '" + id + "' is not one of index.peers " + peers);
    }
    if (electionTimeout.toMillis() < 50) throw new ConfigException("index.election-timeout must be at least 50ms, was " + electionTimeout);
  }

  public static IndexConfig from(Settings s) {
    String id = s.string("index.id", "n1");
    List<IndexPeer> peers = IndexPeer.parseList(s.string("index.peers", DEFAULT_PEERS));
    int ownPort = peers.stream().filter(p -> p.id().equals(id)).findFirst().map(IndexPeer::port).orElse(0);
    IndexConfig config = new IndexConfig(id, peers,
        s.port("index.port", ownPort),
        s.string("index.host", "127.0.0.1"),
        s.port("index.http-port", 9871),
        s.path("index.storage-dir", "data/cache-index/" + id),
        s.longValue("index.snapshot-threshold", 10_000, 16, Long.MAX_VALUE),
        s.bytes("index.segment-size", 1 << 20, 16 * 1024),
        s.duration("index.election-timeout", Duration.ofMillis(500)),
        s.bool("index.join", false));
    s.logValues("cache-index");
    return config;
  }

  /** A member of a test cluster: HTTP on port 0, small snapshot threshold. */
  public static IndexConfig forTests(String id, String peers, Path storageDir, Map<String, String> more) {
    Map<String, String> values = new HashMap<>(Map.of(
        "index.id", id, "index.peers", peers, "index.http-port", "0",
        "index.storage-dir", storageDir.toString(), "index.snapshot-threshold", "200", "index.segment-size", "16KiB"));
    values.putAll(more);
    return from(Settings.of(values));
  }

  public IndexPeer self() {
    return peers.stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
  }
}
