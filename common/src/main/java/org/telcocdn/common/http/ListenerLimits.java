package org.telcocdn.common.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpServerCodec;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One listener's {@link ConnectionLimits} at work: it counts the listener's open connections and
 * puts a {@link RequestGuard} on each one's HTTP codec. A server adds it to each new connection's
 * pipeline with one call, {@link #addHttpCodec}, in place of adding the codec itself.
 */
public final class ListenerLimits {
  private static final Logger log = LoggerFactory.getLogger(ListenerLimits.class);

  private final String listener;
  private final ConnectionLimits limits;
  private final AtomicInteger open = new AtomicInteger();
  private final Map<LimitHit, Counter> hits = new EnumMap<>(LimitHit.class);
  private final Map<LimitHit, AtomicInteger> counts = new EnumMap<>(LimitHit.class);

  /**
   * {@code registry} may be null (no metrics); {@code listener} tags them, e.g. the service's name.
   */
  public ListenerLimits(String listener, ConnectionLimits limits, MeterRegistry registry) {
    this.listener = listener;
    this.limits = limits;
    for (LimitHit hit : LimitHit.values()) {
      counts.put(hit, new AtomicInteger());
      if (registry != null) {
        hits.put(
            hit,
            Counter.builder("http.connection.limits")
                .description("connections refused or dropped at a limit")
                .tag("listener", listener)
                .tag("limit", hit.key())
                .register(registry));
      }
    }
    if (registry != null) {
      Gauge.builder("http.connections.open", open, AtomicInteger::get)
          .description("open connections of the listener")
          .tag("listener", listener)
          .register(registry);
    }
  }

  public ConnectionLimits limits() {
    return limits;
  }

  /**
   * Counts {@code channel} against the listener's cap and adds the HTTP codec with this listener's
   * guards around it. Over the cap the connection is closed at once, with no answer (it sent
   * nothing yet), and false is returned: add nothing more.
   */
  public boolean addHttpCodec(Channel channel) {
    if (open.incrementAndGet() > limits.maxConnections()) {
      open.decrementAndGet();
      hit(LimitHit.MAX_CONNECTIONS);
      channel
          .config()
          .setOption(ChannelOption.SO_LINGER, 0); // a reset: no TIME_WAIT left for a flood
      channel.close();
      return false;
    }
    channel.closeFuture().addListener(f -> open.decrementAndGet());
    RequestGuard guard = new RequestGuard(limits, this);
    ChannelPipeline pipeline = channel.pipeline();
    pipeline.addLast(guard.tap(), new HttpServerCodec(), guard);
    return true;
  }

  /** Open connections now. */
  public int open() {
    return open.get();
  }

  /** How often {@code hit} happened since start. */
  public int count(LimitHit hit) {
    return counts.get(hit).get();
  }

  void hit(LimitHit hit) {
    counts.get(hit).incrementAndGet();
    Counter counter = hits.get(hit);
    if (counter != null) counter.increment();
    log.debug("{}: connection limit {} reached", listener, hit.key());
  }
}
