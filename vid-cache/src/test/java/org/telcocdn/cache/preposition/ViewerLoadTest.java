package org.telcocdn.cache.preposition;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** When fills pause for viewers, and that they resume once the load falls; time is the test's. */
class ViewerLoadTest {
  private static final long QUARTER = 250_000_000L;
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicLong egress = new AtomicLong();
  private final AtomicInteger fetching = new AtomicInteger();
  private final AtomicLong cpuPermille = new AtomicLong();
  private final AtomicLong clock = new AtomicLong();
  private final ViewerLatency latency = new ViewerLatency();

  private ViewerLoad load(long connectionsAt, long egressAt, double cpuAt) {
    return new ViewerLoad(
        new PrepositionConfig(
            1000, 2, 0.5, connectionsAt, egressAt, cpuAt, Duration.ofMillis(50), 10),
        connections::get,
        egress::get,
        fetching::get,
        8,
        latency,
        () -> cpuPermille.get() / 1000.0,
        clock::get);
  }

  private String after(ViewerLoad load, long egressBytes) {
    clock.addAndGet(QUARTER);
    egress.addAndGet(egressBytes);
    return load.busy();
  }

  @Test
  void eachThresholdPausesFillsAndTheyResumeBelowIt() {
    ViewerLoad load = load(100, 4_000_000, 0.8);
    assertThat(after(load, 0)).isNull();
    connections.set(100);
    assertThat(after(load, 0)).isEqualTo("100 viewer connections");
    connections.set(99);
    assertThat(after(load, 0)).isNull();
    assertThat(after(load, 1_000_000)).isEqualTo("egress 4000000 B/s");
    assertThat(after(load, 999_000)).isNull();
    cpuPermille.set(850);
    assertThat(after(load, 0)).isEqualTo("process CPU 0.85");
    cpuPermille.set(100);
    fetching.set(4);
    assertThat(after(load, 0)).isEqualTo("4 fills in flight of 8");
    fetching.set(3);
    assertThat(after(load, 0)).isNull();
  }

  @Test
  void viewersP99TimeToFirstBytePausesFillsUntilItFalls() {
    ViewerLoad load = load(0, 0, 0);
    for (int i = 0; i < 99; i++) latency.record(2_000_000, clock.get());
    assertThat(after(load, 0)).as("fast responses only").isNull();
    for (int i = 0; i < 5; i++) latency.record(80_000_000, clock.get());
    assertThat(after(load, 0)).isEqualTo("viewer p99 TTFB 80.0 ms");
    clock.addAndGet(4 * QUARTER);
    for (int i = 0; i < 30; i++) latency.record(3_000_000, clock.get());
    assertThat(after(load, 0)).as("older than a second: forgotten").isNull();
  }

  @Test
  void aVerdictHoldsForAQuarterOfASecond() {
    ViewerLoad load = load(10, 0, 0);
    connections.set(10);
    assertThat(after(load, 0)).isNotNull();
    connections.set(0);
    clock.addAndGet(QUARTER / 2);
    assertThat(load.busy()).as("not sampled again yet").isNotNull();
    clock.addAndGet(QUARTER / 2);
    assertThat(load.busy()).isNull();
  }

  @Test
  void zeroTurnsAThresholdOff() {
    ViewerLoad load = load(0, 0, 0);
    connections.set(1_000_000);
    cpuPermille.set(1000);
    assertThat(after(load, 1L << 40)).isNull();
  }
}
