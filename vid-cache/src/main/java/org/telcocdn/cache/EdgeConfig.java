package org.telcocdn.cache;

import java.nio.file.Path;
import java.time.Duration;
import org.telcocdn.cache.policy.PolicyName;
import org.telcocdn.cache.replication.ReplicationConfig;
import org.telcocdn.cache.storage.DiskTier;
import org.telcocdn.common.config.ConfigException;
import org.telcocdn.common.config.Settings;

/** Every setting of one edge, with its defaults in one place (docs/contracts.md, "vid-cache"). */
public record EdgeConfig(
    String name,
    String host,
    int port,
    String publicUrl,
    String site,
    String originTarget,
    String brokerUrl,
    Path cacheDir,
    long diskMaxBytes,
    int diskOpenFiles,
    PolicyName cachePolicy,
    long memoryMaxBytes,
    Duration heartbeatInterval,
    int ioThreads,
    int backgroundNice,
    ReplicationConfig replication) {

  public static EdgeConfig from(Settings s) {
    String name = s.string("edge.name", "edge-1");
    String host = s.string("edge.host", "127.0.0.1");
    int port = s.port("edge.port", 8101);
    EdgeConfig config = new EdgeConfig(
        name,
        host,
        port,
        s.string("edge.public-url", ""),
        s.string("edge.site", "site-a"),
        s.string("edge.origin-target", "127.0.0.1:9090"),
        s.string("edge.broker-url", "http://127.0.0.1:8080"),
        s.path("edge.cache-dir", ".cdn/data/" + name),
        s.bytes("edge.disk.max-bytes", 2L << 30, 0),
        s.intValue("edge.disk.open-files", DiskTier.DEFAULT_OPEN_FILES, 0, 1_000_000),
        policy(s.string("edge.cache.policy", "vpop")),
        s.bytes("edge.memory.max-bytes", 256L << 20, 0),
        s.duration("edge.heartbeat-interval", Duration.ofSeconds(1)),
        s.intValue("edge.io-threads", 2, 1, 256),
        // Off by default, unlike the broker's: an edge's event loop can saturate its core, and then
        // the JIT at a higher nice value got too little of it (64 KiB hits at 33-36k req/s instead of
        // 46-50k for the first 20 s at nice 10); side by side with nginx, nice 5 gained nothing that
        // stood out of the run-to-run noise. See BackgroundNice and bench/README.md.
        s.intValue("edge.background-nice", 0, 0, 19),
        replication(s));
    s.logValues("vid-cache");
    return config;
  }

  /**
   * The eventual-consistency half of issue 6 (docs/replication.md): with no index peers the edge works
   * alone, as before, and none of it runs.
   */
  private static ReplicationConfig replication(Settings s) {
    return new ReplicationConfig(
        s.string("edge.index.peers", ""),
        s.duration("edge.index.report-interval", Duration.ofSeconds(1)),
        s.intValue("edge.replication.factor", 2, 1, 64),
        s.duration("edge.anti-entropy.interval", Duration.ofSeconds(5)),
        s.intValue("edge.replication.hot-requests", 2, 1, 1_000_000),
        s.string("edge.site-peers", ""),
        s.bool("edge.fault-injection", false));
  }

  /** The disk tier's admission and eviction policy (docs/cache-policies.md); vpop won the simulations. */
  private static PolicyName policy(String name) {
    try {
      return PolicyName.of(name);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("edge.cache.policy: " + e.getMessage());
    }
  }

  /** The URL players and the broker use; defaults to this host and the port actually bound. */
  public String publicUrl(int boundPort) {
    return publicUrl.isBlank() ? "http://" + host + ":" + boundPort : publicUrl;
  }

  public boolean standalone() {
    return brokerUrl.isBlank();
  }
}
