package org.telcocdn.controller.predict;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.cache.allocation.TitleDemand;

/**
 * Raising a predicted title's share of its site's allocation (docs/prediction.md, "Acting on
 * alarms"): an alarm for (title, site) boosts the title at that site for {@code
 * controller.predict.boost}; while the boost lasts, every allocation round of the site ranks the
 * title first by requests, so {@code SiteAllocator} places it in the site's head ({@code
 * HEAD_REPLICATED}: whole on its owner, its first segments on every other edge of the site, as far
 * as the head's share of each edge allows). That plan is what the edges admit and what the cache
 * index is told (each edge's assignment), so the replicas announce the title's objects to each
 * other and the broker learns the holders from the index, the channel it already reads: nothing new
 * is sent to the broker.
 *
 * <p>The boost changes only the demand the round allocates, never the site's demand history, so it
 * leaves no trace once it ends. Bounded: at most {@link #MAX_BOOSTS} (site, title) pairs, the
 * oldest dropped first; expired ones are dropped when read.
 */
public final class SpikeBoosts {
  private static final Logger log = LoggerFactory.getLogger(SpikeBoosts.class);
  static final int MAX_BOOSTS = 4096;

  private final Duration length;
  private final Clock clock;
  private final Map<BoostOutcome, Counter> counters = new EnumMap<>(BoostOutcome.class);

  /** site|title → until (Unix seconds), oldest raised first; guarded by this. */
  private final LinkedHashMap<String, Long> until =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
          return size() > MAX_BOOSTS;
        }
      };

  public SpikeBoosts(Duration length, Clock clock, MeterRegistry registry) {
    this.length = length;
    this.clock = clock;
    for (BoostOutcome o : BoostOutcome.values())
      counters.put(o, registry.counter("controller_predict_boosts", "outcome", o.label()));
  }

  /** An alarm for {@code videoId} at {@code site}: boosted for {@code length} from now. */
  synchronized void raise(String site, String videoId, String reason) {
    if (length.isZero()) return; // controller.predict.boost=0s: boosts are off
    long now = clock.instant().getEpochSecond();
    Long previous = until.remove(site + "|" + videoId);
    long end = now + length.toSeconds();
    until.put(site + "|" + videoId, end);
    BoostOutcome outcome =
        previous != null && previous > now ? BoostOutcome.EXTENDED : BoostOutcome.RAISED;
    count(outcome);
    log.info(
        "prediction boost {} for {} at {} until {} ({})",
        outcome.label(),
        videoId,
        site,
        java.time.Instant.ofEpochSecond(end),
        reason);
  }

  /** The titles boosted at {@code site} now, with when each boost ends (Unix seconds). */
  synchronized Map<String, Long> active(String site) {
    long now = clock.instant().getEpochSecond();
    until.values().removeIf(end -> end <= now);
    Map<String, Long> out = new LinkedHashMap<>();
    String prefix = site + "|";
    until.forEach(
        (key, end) -> {
          if (key.startsWith(prefix) && key.lastIndexOf('|') == site.length())
            out.put(key.substring(prefix.length()), end);
        });
    return out;
  }

  /**
   * {@code demands} of {@code site} with each boosted title ranked first: its requests raised to
   * one above the site's most requested title (its prefix share kept), or, when the site has no
   * demand for it yet, a demand made by {@code fromCatalog(title, requests)} (empty when the
   * catalog does not know the title).
   */
  public List<TitleDemand> apply(
      String site,
      List<TitleDemand> demands,
      BiFunction<String, Long, Optional<TitleDemand>> fromCatalog) {
    Map<String, Long> boosted = active(site);
    if (boosted.isEmpty()) return demands;
    long top = 1 + (long) demands.stream().mapToDouble(TitleDemand::requests).max().orElse(0);
    List<TitleDemand> out = new ArrayList<>(demands.size() + boosted.size());
    for (TitleDemand d : demands) {
      if (boosted.remove(d.title()) == null) {
        out.add(d);
        continue;
      }
      out.add(raised(d, top));
      applied(BoostOutcome.APPLIED, site, d.title(), top);
    }
    boosted.forEach(
        (title, end) -> {
          Optional<TitleDemand> added = fromCatalog.apply(title, top);
          added.ifPresent(out::add);
          applied(added.isPresent() ? BoostOutcome.ADDED : BoostOutcome.NO_SIZE, site, title, top);
        });
    return out;
  }

  private static TitleDemand raised(TitleDemand d, long requests) {
    double share = d.requests() > 0 ? d.prefixRequests() / d.requests() : 1.0;
    return new TitleDemand(
        d.title(), requests, requests * share, d.footprintBytes(), d.prefixBytes());
  }

  private void applied(BoostOutcome outcome, String site, String title, long requests) {
    count(outcome);
    log.info(
        "site {}: boosted title {} {} at {} requests (a predicted spike)",
        site,
        title,
        outcome.label(),
        requests);
  }

  private void count(BoostOutcome outcome) {
    counters.get(outcome).increment();
  }

  /** Every boost still running, for {@code GET /api/predict}. */
  synchronized List<Map<String, Object>> toJson() {
    long now = clock.instant().getEpochSecond();
    List<Map<String, Object>> out = new ArrayList<>();
    until.forEach(
        (key, end) -> {
          if (end <= now) return;
          int bar = key.lastIndexOf('|');
          out.add(
              Map.of(
                  "site", key.substring(0, bar), "videoId", key.substring(bar + 1), "until", end));
        });
    return out;
  }
}
