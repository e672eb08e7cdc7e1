package org.telcocdn.cache;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.accesslog.AccessLogShipper;
import org.telcocdn.accesslog.AccessLogWriter;
import org.telcocdn.cache.serving.AccessLogHandler;

/**
 * The edge's access log: the background writer and, when {@code edge.access-log.ship-url} is set,
 * the shipper to the analytics service, both opened from {@link EdgeConfig.AccessLog}. The serving
 * pipeline's {@link AccessLogHandler} feeds the writer.
 */
final class EdgeAccessLog implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EdgeAccessLog.class);

  private final AccessLogWriter writer;
  private final AccessLogShipper shipper;

  private EdgeAccessLog(AccessLogWriter writer, AccessLogShipper shipper) {
    this.writer = writer;
    this.shipper = shipper;
  }

  /** The log of {@code edge}, or null when {@code edge.access-log.enabled} is false. */
  static EdgeAccessLog open(EdgeConfig edge) {
    EdgeConfig.AccessLog c = edge.accessLog();
    if (!c.enabled()) return null;
    AccessLogShipper shipper = c.shipUrl().isBlank() ? null : new AccessLogShipper(c.shipUrl());
    try {
      AccessLogWriter writer =
          new AccessLogWriter(
              c.dir(),
              edge.name(),
              edge.site(),
              c.clientAddress(),
              c.hashSalt(),
              c.rotation(),
              c.queue(),
              shipper,
              System::currentTimeMillis);
      log.info(
          "edge {} access log in {} (client address {}){}",
          edge.name(),
          c.dir().toAbsolutePath(),
          c.clientAddress(),
          shipper == null ? "" : ", shipped to " + c.shipUrl());
      return new EdgeAccessLog(writer, shipper);
    } catch (RuntimeException e) {
      if (shipper != null) shipper.close();
      throw e;
    }
  }

  AccessLogWriter writer() {
    return writer;
  }

  @Override
  public void close() {
    writer.close();
    if (shipper != null) shipper.close();
    if (writer.dropped() > 0)
      log.warn("access log dropped {} records (queue full)", writer.dropped());
  }
}
