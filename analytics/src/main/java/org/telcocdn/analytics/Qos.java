package org.telcocdn.analytics;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * QoS sums of a session, an edge or a title; ratios are computed when asked, so aggregates add up
 * exactly. Public fields so they go into the snapshot as plain JSON.
 *
 * <p>From the edge logs: requests, errors (status ≥ 400), hits, bytes, TTFB; per media segment the
 * CMCD {@code br} (bitrate) and {@code bs} (buffer starved); per session start-up time, measured
 * from its first request to the end of its first media segment. Player beacons, when they come,
 * give the exact start-up and stall times and take precedence (see {@link
 * AnalyticsState#apply(Beacon)}); their {@code br} weighted by played time gives the average
 * bitrate actually watched, which replaces the average over requested segments once any beacon
 * carried it. Bitrate switches stay counted from the CMCD {@code br} of consecutive segments: in
 * query mode the edge sees every request the player makes.
 *
 * <p>Edges and titles also keep the distributions of TTFB and start-up, for p50 and p95 (see {@link
 * LatencyHistogram}); sessions do not (one per session would cost memory for little), so their
 * percentiles are null. {@link #add} adds sums only: {@link AnalyticsState} records the samples.
 */
public final class Qos {
  public long requests;
  public long errors;
  public long hits;
  public long bytes;
  public long ttfbMicrosSum;
  public long segments;
  public long starvedSegments;
  public long bitrateKbpsSum;
  public long bitrateSamples;
  public long bitrateSwitches;
  public long startups;
  public long startupMillisSum;
  public long rebufferMillis;
  public long playedMillis;
  public long bitratePlayedMillis;
  public long bitrateKbpsPlayedMillis;
  public long playerErrors;

  // absent, not null, in the snapshot's sessions (up to analytics.max-sessions of them)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public LatencyHistogram ttfbDistribution;

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public LatencyHistogram startupDistribution;

  public void add(Qos o) {
    requests += o.requests;
    errors += o.errors;
    hits += o.hits;
    bytes += o.bytes;
    ttfbMicrosSum += o.ttfbMicrosSum;
    segments += o.segments;
    starvedSegments += o.starvedSegments;
    bitrateKbpsSum += o.bitrateKbpsSum;
    bitrateSamples += o.bitrateSamples;
    bitrateSwitches += o.bitrateSwitches;
    startups += o.startups;
    startupMillisSum += o.startupMillisSum;
    rebufferMillis += o.rebufferMillis;
    playedMillis += o.playedMillis;
    bitratePlayedMillis += o.bitratePlayedMillis;
    bitrateKbpsPlayedMillis += o.bitrateKbpsPlayedMillis;
    playerErrors += o.playerErrors;
  }

  /**
   * What the endpoints show. Percentiles are in milliseconds, within about ±9 %, null where there
   * is no distribution (a session) or no value yet.
   */
  public record View(
      long requests,
      double hitRatio,
      double errorRate,
      double ttfbMillis,
      double avgBitrateKbps,
      long bitrateSwitches,
      double startupMillis,
      double rebufferRatio,
      long bytes,
      long playerErrors,
      long playedMillis,
      Double ttfbP50Millis,
      Double ttfbP95Millis,
      Double startupP50Millis,
      Double startupP95Millis) {}

  public View view() {
    return new View(
        requests,
        ratio(hits, requests),
        ratio(errors, requests),
        ratio(ttfbMicrosSum, requests) / 1000.0,
        avgBitrateKbps(),
        bitrateSwitches,
        ratio(startupMillisSum, startups),
        rebufferRatio(),
        bytes,
        playerErrors,
        playedMillis,
        percentile(ttfbDistribution, 0.5, 1000),
        percentile(ttfbDistribution, 0.95, 1000),
        percentile(startupDistribution, 0.5, 1),
        percentile(startupDistribution, 0.95, 1));
  }

  void recordTtfb(long micros) {
    if (ttfbDistribution == null) ttfbDistribution = new LatencyHistogram();
    ttfbDistribution.add(micros);
  }

  /** A start-up time, or the player's figure in place of the edge-log estimate {@code replaced}. */
  void recordStartup(Long replaced, long millis) {
    if (startupDistribution == null) startupDistribution = new LatencyHistogram();
    if (replaced != null) startupDistribution.remove(replaced);
    startupDistribution.add(millis);
  }

  private static Double percentile(LatencyHistogram h, double q, double unitsPerMilli) {
    Double value = h == null ? null : h.percentile(q);
    return value == null ? null : value / unitsPerMilli;
  }

  /**
   * Weighted by time watched when beacons said what was played, else the mean over delivered
   * segments.
   */
  public double avgBitrateKbps() {
    if (bitratePlayedMillis > 0) return ratio(bitrateKbpsPlayedMillis, bitratePlayedMillis);
    return ratio(bitrateKbpsSum, bitrateSamples);
  }

  /**
   * Stall time over watch time when beacons said so, else the share of segments asked for while
   * starved.
   */
  public double rebufferRatio() {
    if (playedMillis + rebufferMillis > 0)
      return ratio(rebufferMillis, playedMillis + rebufferMillis);
    return ratio(starvedSegments, segments);
  }

  static double ratio(long a, long b) {
    return b == 0 ? 0 : (double) a / b;
  }
}
