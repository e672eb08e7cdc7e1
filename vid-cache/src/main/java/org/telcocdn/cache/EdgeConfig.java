package org.telcocdn.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.telcocdn.accesslog.ClientAddress;
import org.telcocdn.accesslog.LogRetention;
import org.telcocdn.accesslog.Rotation;
import org.telcocdn.cache.http.DeliveryService;
import org.telcocdn.cache.http.DeliveryServices;
import org.telcocdn.cache.http.HttpOriginConfig;
import org.telcocdn.cache.integrity.IntegrityConfig;
import org.telcocdn.cache.policy.PolicyName;
import org.telcocdn.cache.predict.PredictConfig;
import org.telcocdn.cache.prefetch.PrefetchConfig;
import org.telcocdn.cache.preposition.PrepositionConfig;
import org.telcocdn.cache.replication.ReplicationConfig;
import org.telcocdn.cache.storage.DiskTier;
import org.telcocdn.cache.tier.TierConfig;
import org.telcocdn.common.config.ConfigException;
import org.telcocdn.common.config.Settings;
import org.telcocdn.common.json.Json;
import org.telcocdn.common.security.SecurityConfig;

/**
 * Every setting of one edge, with its defaults in one place (docs/configuration.md, "vid-cache"):
 * {@link #from} reads every key and logs each value once.
 */
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
    DuressThresholds duress,
    AccessLog accessLog,
    ReplicationConfig replication,
    HttpOriginConfig http,
    String controlHost,
    int controlPort,
    SecurityConfig security,
    UrlSigningConfig urlSigning,
    EdgeLimits limits,
    IntegrityConfig integrity,
    PrepositionConfig preposition,
    TierConfig tier,
    PredictConfig predict,
    PrefetchConfig prefetch) {

  /** A peer's copy is checked in one array: well under the JVM's largest. */
  private static final long MAX_HELD_OBJECT = 1L << 30;

  /**
   * At or above these open connections, or bytes/s of egress over the last heartbeat interval, the
   * edge is under duress ({@link Duress}); 0 turns a check off.
   */
  public record DuressThresholds(long connections, long egressBytesPerSecond) {}

  /**
   * The access log (docs/analytics.md): one JSON line per object response in {@code dir}, rotated
   * by {@code rotation}, and also POSTed to {@code shipUrl} unless it is empty.
   */
  public record AccessLog(
      boolean enabled,
      Path dir,
      String shipUrl,
      ClientAddress clientAddress,
      String hashSalt,
      Rotation rotation,
      int queue,
      LogRetention retention) {}

  public static EdgeConfig from(Settings s) {
    String name = s.string("edge.name", "edge-1");
    String host = s.string("edge.host", "127.0.0.1");
    int port = s.port("edge.port", 8101);
    EdgeConfig config =
        new EdgeConfig(
            name,
            host,
            port,
            s.string("edge.public-url", ""),
            s.string("edge.site", "site-a"),
            s.string("edge.origin-target", "127.0.0.1:9090"),
            s.string("edge.broker-url", "https://127.0.0.1:7080"),
            s.path("edge.cache-dir", ".cdn/data/" + name),
            s.bytes("edge.disk.max-bytes", 2L << 30, 0),
            s.intValue("edge.disk.open-files", DiskTier.DEFAULT_OPEN_FILES, 0, 1_000_000),
            policy(s.string("edge.cache.policy", "vpop")),
            s.bytes("edge.memory.max-bytes", 256L << 20, 0),
            s.duration("edge.heartbeat-interval", Duration.ofSeconds(1)),
            s.intValue("edge.io-threads", 2, 1, 256),
            // Off by default, unlike the broker's: an edge's event loop can saturate its core, and
            // then
            // the JIT at a higher nice value got too little of it (64 KiB hits at 33-36k req/s
            // instead of
            // 46-50k for the first 20 s at nice 10); side by side with nginx, nice 5 gained nothing
            // that
            // stood out of the run-to-run noise. See BackgroundNice and bench/README.md.
            s.intValue("edge.background-nice", 0, 0, 19),
            new DuressThresholds(
                s.longValue("edge.duress-connections", 0, 0, Long.MAX_VALUE),
                s.longValue("edge.duress-egress", 0, 0, Long.MAX_VALUE)),
            accessLog(s),
            replication(s),
            http(s),
            s.string("edge.control-host", "127.0.0.1"),
            s.port("edge.control-port", 7101),
            SecurityConfig.from(s),
            UrlSigningConfig.from(s),
            EdgeLimits.from(s),
            integrity(s),
            PrepositionConfig.from(s),
            TierConfig.from(s),
            PredictConfig.from(s),
            PrefetchConfig.from(s));
    requireKeysForSignedServices(config);
    s.logValues("vid-cache");
    return config;
  }

  /**
   * A delivery service marked {@code signed} must never serve an unsigned URL, so an edge without
   * the public keys to check them does not start rather than serve the service open.
   */
  private static void requireKeysForSignedServices(EdgeConfig config) {
    if (config.urlSigning().enabled()) return;
    for (DeliveryService service : config.http().services()) {
      if (service.signed()) {
        throw new ConfigException(
            "delivery service "
                + service.name()
                + " is signed: security.url-signing.public-keys must name the viewer keys"
                + " that check its URLs");
      }
    }
  }

  private static AccessLog accessLog(Settings s) {
    return new AccessLog(
        s.bool("edge.access-log.enabled", true),
        s.path("edge.access-log.dir", ".cdn/logs/access"),
        s.string("edge.access-log.ship-url", ""),
        clientAddress(s.string("edge.access-log.client-address", "masked")),
        s.string("edge.access-log.hash-salt", ""),
        rotation(
            s.bytes("edge.access-log.max-file-bytes", 64L << 20, 1024),
            s.duration("edge.access-log.max-file-age", Duration.ofHours(1))),
        s.intValue("edge.access-log.queue", 65_536, 16, 1 << 24),
        retention(
            s.bytes("edge.access-log.retention-bytes", LogRetention.DEFAULT_MAX_TOTAL_BYTES, 1024),
            s.duration("edge.access-log.retention-age", LogRetention.DEFAULT_MAX_AGE)));
  }

  private static LogRetention retention(long maxBytes, Duration maxAge) {
    try {
      return new LogRetention(maxBytes, maxAge);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("edge.access-log.retention-age: " + e.getMessage());
    }
  }

  private static ClientAddress clientAddress(String mode) {
    try {
      return ClientAddress.parse(mode);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("edge.access-log.client-address: " + e.getMessage());
    }
  }

  private static Rotation rotation(long maxBytes, Duration maxAge) {
    try {
      return new Rotation(maxBytes, maxAge);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("edge.access-log.max-file-age: " + e.getMessage());
    }
  }

  /**
   * The eventual-consistency half of issue 6 (docs/replication.md): with no index peers the edge
   * works alone, as before, and none of it runs.
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

  /**
   * What checking a site peer's copy against the origin's SHA-256 may cost (docs/security.md,
   * "Content integrity"): copies are held whole until checked, so both their size and their sum are
   * bounded; larger or further copies come from the origin instead.
   */
  private static IntegrityConfig integrity(Settings s) {
    long maxObject = s.bytes("edge.integrity.max-peer-object-bytes", 16L << 20, 1);
    long buffer = s.bytes("edge.integrity.peer-buffer-bytes", 64L << 20, 1);
    if (maxObject > MAX_HELD_OBJECT) {
      throw new ConfigException(
          "edge.integrity.max-peer-object-bytes must be at most "
              + MAX_HELD_OBJECT
              + " (one array), was "
              + maxObject);
    }
    if (buffer < maxObject) {
      throw new ConfigException(
          "edge.integrity.peer-buffer-bytes ("
              + buffer
              + ") must be at least edge.integrity.max-peer-object-bytes ("
              + maxObject
              + ")");
    }
    return new IntegrityConfig(
        maxObject, buffer, s.longValue("edge.integrity.manifest-objects", 65_536, 1, 100_000_000));
  }

  /** HTTP origins (docs/http-origins.md): none unless delivery services are configured. */
  private static HttpOriginConfig http(Settings s) {
    return new HttpOriginConfig(
        services(s.string("edge.delivery-services", "")),
        s.duration("edge.http.connect-timeout", Duration.ofSeconds(2)),
        s.duration("edge.http.read-timeout", Duration.ofSeconds(10)),
        s.duration("edge.http.keep-alive", Duration.ofSeconds(30)),
        s.intValue("edge.http.max-idle", 32, 0, 100_000),
        (int) Math.min(1 << 24, s.bytes("edge.http.max-header-bytes", 64 * 1024, 1024)),
        s.bytes("edge.http.slice-bytes", 1L << 20, 0),
        s.bytes("edge.http.max-unsized-bytes", 16L << 20, 0),
        s.bytes("edge.http.max-shared-bytes", 16L << 20, 0),
        s.duration("edge.http.stale-on-error", Duration.ofHours(1)),
        s.duration("edge.http.heuristic-max", Duration.ofHours(24)));
  }

  /** The topology file's {@code deliveryServices}, as JSON (cli's Wiring writes it). */
  static List<DeliveryService> services(String json) {
    if (json.isBlank()) return List.of();
    try {
      List<DeliveryService> services =
          List.of(Json.MAPPER.readValue(json, DeliveryService[].class));
      new DeliveryServices(services); // names unique
      return services;
    } catch (JsonProcessingException e) {
      throw new ConfigException(
          "edge.delivery-services: not a JSON list of delivery services: "
              + e.getOriginalMessage());
    } catch (IllegalArgumentException e) {
      throw new ConfigException("edge.delivery-services: " + e.getMessage());
    }
  }

  /**
   * The disk tier's admission and eviction policy (docs/cache-policies.md); vpop won the
   * simulations.
   */
  private static PolicyName policy(String name) {
    try {
      return PolicyName.of(name);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("edge.cache.policy: " + e.getMessage());
    }
  }

  /** The URL players and the broker use; defaults to this host and the port actually bound. */
  public String publicUrl(int boundPort) {
    if (!publicUrl.isBlank()) return publicUrl;
    return (security.viewerTls() ? "https://" : "http://") + host + ":" + boundPort;
  }

  /** The control listener's URL: the broker, the controller and the site peers call it. */
  public String controlUrl(int boundPort) {
    return "https://" + controlHost + ":" + boundPort;
  }

  /**
   * Registers with no broker: an edge without a broker URL, or a regional or cloud cache, which the
   * broker's ring never routes to (its children find it by {@code edge.parents.*}; the broker sends
   * a saturated site's overflow to the cloud tier by {@code broker.cloud-tier}).
   */
  public boolean standalone() {
    return brokerUrl.isBlank() || tier.parentTier();
  }
}
