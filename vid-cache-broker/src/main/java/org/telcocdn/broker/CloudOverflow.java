package org.telcocdn.broker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which sites send their new sessions to the cloud tier now, with hysteresis. A site enters
 * overflow the moment a route finds every edge it may use saturated (each in duress, by its own
 * report or the broker's thresholds); it leaves only after routes have found a usable edge for
 * {@code recoverAfter} without a saturated one in between. Without it a site at its limit would
 * flap: each session sent away lowers the load a little, the next one comes back and pushes it over
 * again, and viewers would alternate between a 4-ms and a 40-ms path.
 *
 * <p>The state is one entry per site key the router passes: a site with edges, or {@code ""} for
 * the rest, so no client-sent site name can grow it.
 */
public final class CloudOverflow {
  private static final Logger log = LoggerFactory.getLogger(CloudOverflow.class);

  /** A site in overflow: {@code recovering} is when routes last started finding it usable. */
  private record State(Instant since, Instant recovering) {}

  private final CloudTierConfig config;
  private final Clock clock;
  private final Map<String, State> sites = new ConcurrentHashMap<>();

  public CloudOverflow(CloudTierConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
  }

  public boolean enabled() {
    return config.enabled();
  }

  /**
   * Whether this route goes to the cloud tier, given whether it found {@code site}'s edges
   * saturated; records the observation (atomically per site: {@link ConcurrentHashMap#compute}).
   */
  public boolean overflows(String site, boolean saturated) {
    if (!config.enabled()) return false;
    if (!saturated && !sites.containsKey(site)) return false; // the common case: no lookup more
    Instant now = clock.instant();
    State next = sites.compute(site, (k, state) -> next(k, state, saturated, now));
    return next != null;
  }

  private State next(String site, State state, boolean saturated, Instant now) {
    if (saturated) {
      if (state == null) log.info("site '{}' saturated: new sessions go to the cloud tier", site);
      return new State(state == null ? now : state.since(), null);
    }
    if (state == null) return null;
    if (state.recovering() == null) return new State(state.since(), now);
    if (Duration.between(state.recovering(), now).compareTo(config.recoverAfter()) < 0)
      return state;
    log.info(
        "site '{}' usable for {}: new sessions back at its edges (in overflow since {})",
        site,
        config.recoverAfter(),
        state.since());
    return null;
  }

  /** The cloud cache for {@code videoId}: always the same one for a title, so it hits there. */
  public Edge target(String videoId) {
    List<Edge> caches = config.caches();
    return caches.get(Math.floorMod(Hash64.of(videoId), caches.size()));
  }

  /** The sites now in overflow, for tests and diagnostics. */
  public Set<String> sites() {
    return Set.copyOf(sites.keySet());
  }

  static Edge asEdge(String name, String url, String site) {
    return new Edge(name, url, url, site, EdgeState.UP, EdgeLoad.initial(0), Instant.EPOCH);
  }
}
