package org.telcocdn.cache;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.DefaultFileRegion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.common.video.VideoId;

/**
 * Serves {@code GET|HEAD /videos/{id}/{path...}}: memory tier, then disk tier (zero-copy), then the
 * shared origin fill. Runs on the event loop and never blocks it: the disk hit only opens a file
 * and reads its small header, which the page cache holds for hot objects.
 */
final class ObjectService {
  private static final Logger log = LoggerFactory.getLogger(ObjectService.class);

  private final Tiers tiers;
  private final Fills fills;
  private final EdgeMetrics metrics;

  ObjectService(Tiers tiers, Fills fills, EdgeMetrics metrics) {
    this.tiers = tiers;
    this.fills = fills;
    this.metrics = metrics;
  }

  /** {@code segments} are the decoded path after {@code /videos}, already free of {@code ..}. */
  void serve(Exchange exchange, List<String> segments) {
    if (segments.size() < 2 || !VideoId.isValid(segments.getFirst())) {
      reject(exchange, "expected /videos/{id}/{path} with an id matching " + VideoId.PATTERN);
      return;
    }
    CacheKey key = new CacheKey(segments.getFirst(), String.join("/", segments.subList(1, segments.size())));
    Optional<MemoryTier.Entry> inMemory = tiers.memory().lookup(key);
    if (inMemory.isPresent()) {
      fromMemory(exchange, key, inMemory.get());
      return;
    }
    Optional<DiskTier.Entry> onDisk = tiers.disk().lookup(key);
    if (onDisk.isPresent()) {
      fromDisk(exchange, key, onDisk.get());
      return;
    }
    fills.join(key, outcome -> new StreamedResponse(exchange, key, outcome, metrics));
  }

  void reject(Exchange exchange, String message) {
    metrics.outcome(CacheOutcome.REJECTED);
    exchange.error(400, "bad_request", message, CacheOutcome.REJECTED);
  }

  private void fromMemory(Exchange exchange, CacheKey key, MemoryTier.Entry entry) {
    ResponsePlan plan = served(exchange, key, entry.meta(), CacheOutcome.HIT_MEMORY);
    if (!plan.sendBody() || plan.length() == 0) {
      exchange.objectWithoutBody(plan, entry.meta(), CacheOutcome.HIT_MEMORY);
      return;
    }
    exchange.head(plan, entry.meta(), CacheOutcome.HIT_MEMORY);
    exchange.last(entry.slice(plan.offset(), plan.length()));
  }

  private void fromDisk(Exchange exchange, CacheKey key, DiskTier.Entry entry) {
    FileChannel file = entry.channel();
    ResponsePlan plan = served(exchange, key, entry.meta(), CacheOutcome.HIT_DISK);
    if (!plan.sendBody() || plan.length() == 0) {
      closeQuietly(file);
      exchange.objectWithoutBody(plan, entry.meta(), CacheOutcome.HIT_DISK);
      return;
    }
    exchange.head(plan, entry.meta(), CacheOutcome.HIT_DISK);
    long position = entry.bodyOffset() + plan.offset();
    if (exchange.tls()) {
      // sendfile would bypass the TLS engine; copy through a buffer instead (no TLS listener yet)
      exchange.body(read(file, position, plan.length()));
      closeQuietly(file);
    } else {
      exchange.bodyRegion(new DefaultFileRegion(file, position, plan.length()), plan.length());
    }
    exchange.end();
  }

  private ResponsePlan served(Exchange exchange, CacheKey key, ObjectMeta meta, CacheOutcome outcome) {
    ResponsePlan plan = ResponsePlan.of(exchange.request(), meta);
    metrics.outcome(outcome);
    log.debug("{} {} -> {} {}", exchange.request().method(), key, outcome, plan.status());
    return plan;
  }

  private static void closeQuietly(FileChannel file) {
    try {
      file.close();
    } catch (IOException ignored) {
      // read-only handle; nothing to flush
    }
  }

  private static ByteBuf read(FileChannel file, long position, long length) {
    ByteBuf buffer = Unpooled.buffer((int) length);
    try {
      buffer.writeBytes(file, position, (int) length);
      return buffer;
    } catch (IOException e) {
      buffer.release();
      throw new UncheckedIOException(e);
    }
  }
}
