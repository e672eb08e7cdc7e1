package org.telcocdn.cache;

import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.accesslog.AccessLogShipper;
import org.telcocdn.accesslog.AccessLogWriter;
import org.telcocdn.accesslog.ClientAddress;
import org.telcocdn.accesslog.Rotation;
import org.telcocdn.cache.serving.AccessLogHandler;
import org.telcocdn.common.config.Settings;

/**
 * The edge's access log: the keys below (read here, not in {@link EdgeConfig}, so the log stays a
 * separate concern), the background writer and, when {@code edge.access-log.ship-url} is set, the
 * shipper to the analytics service. {@link AccessLogHandler} feeds it from the pipeline.
 *
 * <table>
 *   <tr><th>key</th><th>default</th></tr>
 *   <tr><td>edge.access-log.enabled</td><td>true</td></tr>
 *   <tr><td>edge.access-log.dir</td><td>.cdn/logs/access</td></tr>
 *   <tr><td>edge.access-log.ship-url</td><td>empty = files only; e.g. http://127.0.0.1:8095/api/logs</td></tr>
 *   <tr><td>edge.access-log.client-address</td><td>masked (full | masked | hashed)</td></tr>
 *   <tr><td>edge.access-log.hash-salt</td><td>empty</td></tr>
 *   <tr><td>edge.access-log.max-file-bytes</td><td>64MiB</td></tr>
 *   <tr><td>edge.access-log.max-file-age</td><td>1h</td></tr>
 *   <tr><td>edge.access-log.queue</td><td>65536 records; more are dropped and counted</td></tr>
 * </table>
 */
final class EdgeAccessLog implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EdgeAccessLog.class);

  private final AccessLogWriter writer;
  private final AccessLogShipper shipper;

  private EdgeAccessLog(AccessLogWriter writer, AccessLogShipper shipper) {
    this.writer = writer;
    this.shipper = shipper;
  }

  /** From the environment's settings; null when disabled. */
  static EdgeAccessLog open(EdgeConfig edge) {
    return open(Settings.fromEnvironment(), edge);
  }

  static EdgeAccessLog open(Settings s, EdgeConfig edge) {
    if (!s.bool("edge.access-log.enabled", true)) return null;
    Path dir = s.path("edge.access-log.dir", ".cdn/logs/access");
    String shipUrl = s.string("edge.access-log.ship-url", "");
    ClientAddress mode = ClientAddress.parse(s.string("edge.access-log.client-address", "masked"));
    Rotation rotation = new Rotation(s.bytes("edge.access-log.max-file-bytes", 64L << 20, 1024),
        s.duration("edge.access-log.max-file-age", Duration.ofHours(1)));
    int queue = s.intValue("edge.access-log.queue", 65_536, 16, 1 << 24);
    AccessLogShipper shipper = shipUrl.isBlank() ? null : new AccessLogShipper(shipUrl);
    AccessLogWriter writer = new AccessLogWriter(dir, edge.name(), edge.site(), mode,
        s.string("edge.access-log.hash-salt", ""), rotation, queue, shipper, System::currentTimeMillis);
    log.info("edge {} access log in {} (client address {}){}", edge.name(), dir.toAbsolutePath(), mode,
        shipper == null ? "" : ", shipped to " + shipUrl);
    return new EdgeAccessLog(writer, shipper);
  }

  AccessLogWriter writer() {
    return writer;
  }

  @Override
  public void close() {
    writer.close();
    if (shipper != null) shipper.close();
    if (writer.dropped() > 0) log.warn("access log dropped {} records (queue full)", writer.dropped());
  }
}
