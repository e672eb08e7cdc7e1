package org.telcocdn.cache.allocation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Demand per title over past windows, as an exponentially weighted moving average: each new
 * window's counts enter with weight {@code 1 - keep}, older ones fade by {@code keep} per window.
 * One window alone is too thin (a few hundred sessions over thousands of titles); a long memory
 * misses new releases. Sizes are not averaged: the latest observed footprint stands until a newer
 * one. A title is dropped only when its requests fade below {@link #FORGET} (about 20 windows
 * without a request at keep 0.5): until then it keeps its place, and its owner, in the plan. Not
 * thread-safe.
 */
public final class DemandHistory {
  static final double FORGET = 1e-6;

  private final double keep;
  private final Map<String, Estimate> titles = new HashMap<>();

  private static final class Estimate {
    double requests;
    double prefixRequests;
    long footprintBytes;
    long prefixBytes;
  }

  public DemandHistory(double keep) {
    if (!(keep >= 0 && keep < 1))
      throw new IllegalArgumentException("keep must be in [0, 1), was " + keep);
    this.keep = keep;
  }

  /** Folds in one window's demand. */
  public void observe(List<TitleDemand> window) {
    for (Estimate e : titles.values()) {
      e.requests *= keep;
      e.prefixRequests *= keep;
    }
    for (TitleDemand d : window) {
      Estimate e = titles.computeIfAbsent(d.title(), t -> new Estimate());
      e.requests += (1 - keep) * d.requests();
      e.prefixRequests += (1 - keep) * d.prefixRequests();
      e.footprintBytes = d.footprintBytes();
      e.prefixBytes = d.prefixBytes();
    }
    titles.values().removeIf(e -> e.requests < FORGET);
  }

  public List<TitleDemand> demands() {
    List<TitleDemand> out = new ArrayList<>(titles.size());
    titles.forEach(
        (title, e) ->
            out.add(
                new TitleDemand(
                    title,
                    e.requests,
                    Math.min(e.prefixRequests, e.requests),
                    e.footprintBytes,
                    e.prefixBytes)));
    return out;
  }

  public int size() {
    return titles.size();
  }
}
