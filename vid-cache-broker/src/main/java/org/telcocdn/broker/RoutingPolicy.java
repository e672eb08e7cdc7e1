package org.telcocdn.broker;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * How edges within one tier (a site, or all) are ordered for a video. Only {@link #BOUNDED_LOAD}
 * caps an edge's share; the others are there so one broker binary can be benchmarked against the
 * usual alternatives ({@code broker.policy}).
 */
public enum RoutingPolicy {
  /** The ring walk from the video's hash, each edge capped at (1+ε) times the tier's average. */
  BOUNDED_LOAD("bounded-load"),
  /** The same ring walk without a cap: a title always goes to its owner. */
  CONSISTENT_HASH("consistent-hash"),
  /** Highest random weight (Thaler and Ravishankar): edges by hash(video, edge), highest first. */
  RENDEZVOUS("rendezvous"),
  /** Every decision to the next edge in turn: even load, no title affinity at all. */
  ROUND_ROBIN("round-robin"),
  /** The edge with the fewest recent sessions; ties by name. */
  LEAST_CONNECTIONS("least-connections");

  private final String label;

  RoutingPolicy(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public boolean bounded() {
    return this == BOUNDED_LOAD;
  }

  /**
   * As {@link #order}, lazily where the order is a ring walk (the alternates need only its first
   * edges).
   */
  Iterator<String> preference(
      String videoId, BoundedLoadRing ring, Map<String, Long> loads, long tick) {
    return this == BOUNDED_LOAD || this == CONSISTENT_HASH
        ? ring.walker(videoId)
        : order(videoId, ring, loads, tick).iterator();
  }

  /**
   * The tier's edges in preference order for {@code videoId}; {@code tick} only matters to
   * round-robin.
   */
  List<String> order(String videoId, BoundedLoadRing ring, Map<String, Long> loads, long tick) {
    List<String> members = ring.members();
    return switch (this) {
      case BOUNDED_LOAD, CONSISTENT_HASH -> ring.walk(videoId);
      case RENDEZVOUS -> {
        List<String> sorted = new ArrayList<>(members);
        sorted.sort(
            Comparator.comparingLong((String m) -> Hash64.of(videoId + "@" + m)).reversed());
        yield sorted;
      }
      case ROUND_ROBIN -> {
        List<String> rotated = new ArrayList<>(members.size());
        int start = (int) Math.floorMod(tick, (long) members.size());
        for (int i = 0; i < members.size(); i++)
          rotated.add(members.get((start + i) % members.size()));
        yield rotated;
      }
      case LEAST_CONNECTIONS -> {
        List<String> sorted = new ArrayList<>(members);
        sorted.sort(
            Comparator.comparingLong((String m) -> loads.getOrDefault(m, 0L))
                .thenComparing(m -> m));
        yield sorted;
      }
    };
  }
}
