package org.telcocdn.index;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.telcocdn.common.config.ConfigException;
import org.telcocdn.common.config.Settings;

/**
 * Every setting of one cache-index member, with its default. The keys, defaults and meanings are
 * listed once, in docs/configuration.md ("cache-index"); ConfigurationDocTest (cli) keeps that
 * table and {@link #from} in step.
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

  public static final String DEFAULT_PEERS =
      "n1=127.0.0.1:9861,n2=127.0.0.1:9862,n3=127.0.0.1:9863";

  public IndexConfig {
    peers = List.copyOf(peers);
    if (peers.stream().noneMatch(p -> p.id().equals(id))) {
      throw new ConfigException("index.id '" + id + "' is not one of index.peers " + peers);
    }
    if (electionTimeout.toMillis() < 50)
      throw new ConfigException(
          "index.election-timeout must be at least 50ms, was " + electionTimeout);
  }

  public static IndexConfig from(Settings s) {
    String id = s.string("index.id", "n1");
    List<IndexPeer> peers = IndexPeer.parseList(s.string("index.peers", DEFAULT_PEERS));
    int ownPort =
        peers.stream().filter(p -> p.id().equals(id)).findFirst().map(IndexPeer::port).orElse(0);
    IndexConfig config =
        new IndexConfig(
            id,
            peers,
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
  public static IndexConfig forTests(
      String id, String peers, Path storageDir, Map<String, String> more) {
    Map<String, String> values =
        new HashMap<>(
            Map.of(
                "index.id",
                id,
                "index.peers",
                peers,
                "index.http-port",
                "0",
                "index.storage-dir",
                storageDir.toString(),
                "index.snapshot-threshold",
                "200",
                "index.segment-size",
                "16KiB"));
    values.putAll(more);
    return from(Settings.of(values));
  }

  public IndexPeer self() {
    return peers.stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
  }
}
