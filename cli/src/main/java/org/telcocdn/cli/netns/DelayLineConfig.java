package org.telcocdn.cli.netns;

import java.util.List;

/**
 * What the delay line process is told, as JSON in {@code run/delay-line.json}: every tun it holds
 * packets for, and where it says it is ready.
 *
 * @param readyFile written once every tun is attached: from then on every link carries packets
 * @param statsFile rewritten every few seconds with each tun's counters
 * @param realtimePriority SCHED_FIFO priority of the loop (0 = ordinary): on a busy host an
 *     ordinary thread wakes milliseconds late, and every packet's delay with it
 */
public record DelayLineConfig(
    List<Direction> directions, String readyFile, String statsFile, int realtimePriority) {
  /**
   * One direction of one link: the tun in the receiving namespace that its packets are redirected
   * to on arrival.
   *
   * @param capacity packets held at most; one more is dropped, as a full queue of a router would
   */
  public record Direction(
      String namespace, String device, double oneWayMs, double jitterMs, int capacity, long seed) {}
}
