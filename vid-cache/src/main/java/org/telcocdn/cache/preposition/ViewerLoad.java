package org.telcocdn.cache.preposition;

import java.lang.management.ManagementFactory;
import java.util.function.DoubleSupplier;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * Whether viewers load this edge enough that fills should pause: open connections, egress bytes/s,
 * the process's CPU or viewers' p99 time to first byte over the last second ({@link ViewerLatency})
 * at or above their thresholds, or fetches in flight past half of {@code edge.limits.max-fills} (a
 * viewer's miss must always find a fill slot). Sampled at most every 250 ms; the reason of the last
 * busy verdict is kept for the job's status.
 */
public final class ViewerLoad {
  private static final long SAMPLE_NANOS = 250_000_000L;

  private final PrepositionConfig config;
  private final IntSupplier connections;
  private final LongSupplier egressBytes;
  private final IntSupplier fetching;
  private final int maxFills;
  private static final long SECOND = 1_000_000_000L;
  private final ViewerLatency latency;
  private final DoubleSupplier cpu;
  private final LongSupplier nanoTime;
  private long sampledAt;
  private long lastEgress;
  private volatile String busy;

  public ViewerLoad(
      PrepositionConfig config,
      IntSupplier connections,
      LongSupplier egressBytes,
      IntSupplier fetching,
      int maxFills,
      ViewerLatency latency) {
    this(
        config,
        connections,
        egressBytes,
        fetching,
        maxFills,
        latency,
        ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class)
            ::getProcessCpuLoad,
        System::nanoTime);
  }

  /** With the process's CPU load and the clock given (tests). */
  ViewerLoad(
      PrepositionConfig config,
      IntSupplier connections,
      LongSupplier egressBytes,
      IntSupplier fetching,
      int maxFills,
      ViewerLatency latency,
      DoubleSupplier cpu,
      LongSupplier nanoTime) {
    this.latency = latency;
    this.cpu = cpu;
    this.nanoTime = nanoTime;
    this.config = config;
    this.connections = connections;
    this.egressBytes = egressBytes;
    this.fetching = fetching;
    this.maxFills = maxFills;
    this.lastEgress = egressBytes.getAsLong();
    this.sampledAt = nanoTime.getAsLong();
  }

  /** Why fills should pause now, or null when they may go on. */
  synchronized String busy() {
    long now = nanoTime.getAsLong();
    if (now - sampledAt < SAMPLE_NANOS) return busy;
    long egress = egressBytes.getAsLong();
    long perSecond = (egress - lastEgress) * 1_000_000_000L / Math.max(1, now - sampledAt);
    lastEgress = egress;
    sampledAt = now;
    busy = verdict(perSecond, now);
    return busy;
  }

  private String verdict(long egressPerSecond, long now) {
    int open = connections.getAsInt();
    if (config.backoffConnections() > 0 && open >= config.backoffConnections())
      return open + " viewer connections";
    if (config.backoffEgress() > 0 && egressPerSecond >= config.backoffEgress())
      return "egress " + egressPerSecond + " B/s";
    double load = cpu.getAsDouble();
    if (config.backoffCpu() > 0 && load >= config.backoffCpu())
      return String.format("process CPU %.2f", load);
    long p99 = config.backoffTtfb().isZero() ? -1 : latency.p99(now, SECOND);
    if (p99 >= config.backoffTtfb().toNanos())
      return String.format("viewer p99 TTFB %.1f ms", p99 / 1e6);
    int inFlight = fetching.getAsInt();
    if (maxFills < Integer.MAX_VALUE && inFlight * 2 >= maxFills)
      return inFlight + " fills in flight of " + maxFills;
    return null;
  }
}
