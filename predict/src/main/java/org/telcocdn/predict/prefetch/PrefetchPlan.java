package org.telcocdn.predict.prefetch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which segments of a title to place at an edge before its crowd arrives: every (rendition,
 * position) among the first {@code maxPositions} that at least one of the expected new sessions
 * will, with probability {@code minProbability} or more, ask for, most likely first. With {@code n}
 * new sessions each asking for the object with mean {@code q} requests ({@link
 * AudienceMix#perStart}), the chance it is asked for at all is {@code 1 - exp(-n q)} (Poisson). So
 * a small crowd gets the start-up rendition's first segments only, a large one the first minutes of
 * the renditions players climb to: the renditions most sessions start on first, as the issue asks,
 * and never what few would fetch, which would be waste.
 */
public final class PrefetchPlan {
  /** One object to place. */
  public record Target(int rendition, int position, double probability) {}

  private final int maxPositions;
  private final double minProbability;

  public PrefetchPlan(int maxPositions, double minProbability) {
    if (maxPositions < 1 || maxPositions > AudienceMix.POSITIONS) {
      throw new IllegalArgumentException(
          "positions must be 1 to " + AudienceMix.POSITIONS + ", was " + maxPositions);
    }
    if (!(minProbability > 0 && minProbability < 1))
      throw new IllegalArgumentException(
          "the probability must be in (0, 1), was " + minProbability);
    this.maxPositions = maxPositions;
    this.minProbability = minProbability;
  }

  /** The targets for {@code expectedSessions} new sessions, most likely first. */
  public List<Target> targets(AudienceMix mix, double expectedSessions) {
    List<Target> targets = new ArrayList<>();
    for (int r = 0; r < AudienceMix.RENDITIONS; r++) {
      for (int k = 0; k < maxPositions; k++) {
        double p = 1 - Math.exp(-expectedSessions * mix.perStart(r, k));
        if (p >= minProbability) targets.add(new Target(r, k, p));
      }
    }
    targets.sort(
        Comparator.comparingDouble(Target::probability)
            .reversed()
            .thenComparingInt(Target::position));
    return targets;
  }
}
