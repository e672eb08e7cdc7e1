package org.telcocdn.predict.eval;

import java.util.EnumSet;
import java.util.Set;
import org.telcocdn.predict.label.SpikeLabels;
import org.telcocdn.predict.model.Sgd;
import org.telcocdn.predict.signal.EdgeSignals;

/**
 * How the replay models the sites and the learning.
 *
 * @param edgesPerSite edges of each site; a title's requests go to one of them by rendezvous
 *     hashing, as the broker's ring keeps a title's sessions together
 * @param rule the edges' own spike labels
 * @param hidden hidden units of the model
 * @param roundSeconds time between two federated rounds
 * @param seed the models' common starting weights
 * @param titleCapacity titles an edge tracks at once
 * @param pendingCapacity samples an edge keeps until their label is known
 * @param crossSiteSeconds how often the controller relays the sites' title rates to each other
 *     ({@link org.telcocdn.predict.signal.CrossSite}); 0 for none (the cross-site features stay 0)
 */
public record ReplaySettings(
    int edgesPerSite,
    SpikeLabels.Rule rule,
    int hidden,
    Sgd sgd,
    int roundSeconds,
    long seed,
    int titleCapacity,
    int pendingCapacity,
    int crossSiteSeconds,
    Set<Method> methods) {
  public ReplaySettings {
    if (edgesPerSite < 1 || edgesPerSite > 64)
      throw new IllegalArgumentException("edges per site must be 1 to 64, was " + edgesPerSite);
    if (roundSeconds < EdgeSignals.TICK_SECONDS)
      throw new IllegalArgumentException(
          "a round must last at least one tick, was " + roundSeconds + " s");
    if (crossSiteSeconds < 0)
      throw new IllegalArgumentException(
          "the cross-site relay period must be 0 (none) or more, was " + crossSiteSeconds);
    if (methods.isEmpty()) throw new IllegalArgumentException("at least one method");
    methods = Set.copyOf(methods);
  }

  public static ReplaySettings defaults() {
    return new ReplaySettings(
        2,
        SpikeLabels.Rule.DEFAULT,
        16,
        Sgd.DEFAULT,
        300,
        19,
        16_384,
        16_384,
        30,
        EnumSet.allOf(Method.class));
  }

  public ReplaySettings withMethods(Set<Method> chosen) {
    return new ReplaySettings(
        edgesPerSite,
        rule,
        hidden,
        sgd,
        roundSeconds,
        seed,
        titleCapacity,
        pendingCapacity,
        crossSiteSeconds,
        chosen);
  }

  public ReplaySettings withEdgesPerSite(int edges) {
    return new ReplaySettings(
        edges,
        rule,
        hidden,
        sgd,
        roundSeconds,
        seed,
        titleCapacity,
        pendingCapacity,
        crossSiteSeconds,
        methods);
  }
}
