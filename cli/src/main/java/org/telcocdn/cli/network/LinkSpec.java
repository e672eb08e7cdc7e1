package org.telcocdn.cli.network;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a link does to the packets crossing it, the same in both directions: each direction has its
 * own delay line, shaper and loss. A null field is "not said here" and falls back field by field
 * ({@link #orElse}); after resolution only {@code rateMbit} may stay null, meaning not shaped.
 *
 * @param oneWayMs propagation and processing delay of one direction, in milliseconds
 * @param jitterMs each packet's delay is drawn uniformly from oneWayMs ± jitterMs (order is kept)
 * @param lossPct share of packets dropped, in percent, in each direction
 * @param rateMbit capacity of each direction in Mbit/s (10^6 bit/s)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LinkSpec(Double oneWayMs, Double jitterMs, Double lossPct, Double rateMbit) {
  public static final LinkSpec NONE = new LinkSpec(null, null, null, null);

  /** This spec with each missing field taken from {@code fallback}. */
  public LinkSpec orElse(LinkSpec fallback) {
    return new LinkSpec(
        or(oneWayMs, fallback.oneWayMs),
        or(jitterMs, fallback.jitterMs),
        or(lossPct, fallback.lossPct),
        or(rateMbit, fallback.rateMbit));
  }

  /** Missing jitter and loss are zero; a missing delay is for validation to report. */
  LinkSpec withZeros() {
    return orElse(new LinkSpec(null, 0.0, 0.0, null));
  }

  /** The round trip an ideal probe measures: twice the one-way delay. */
  public double roundTripMs() {
    return 2 * oneWayMs;
  }

  public boolean delays() {
    return oneWayMs > 0 || jitterMs > 0;
  }

  private static Double or(Double value, Double fallback) {
    return value != null ? value : fallback;
  }
}
