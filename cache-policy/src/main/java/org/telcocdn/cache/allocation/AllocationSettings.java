package org.telcocdn.cache.allocation;

/**
 * The allocator's knobs.
 *
 * @param headShare share of each edge's capacity spent on the replicated head (0 = no replication)
 * @param prefixSegments the prefix length pushed to edges: segments 0 .. prefixSegments-1
 */
public record AllocationSettings(double headShare, int prefixSegments) {
  public static final AllocationSettings DEFAULTS = new AllocationSettings(0.3, 450);

  public AllocationSettings {
    if (!(headShare >= 0 && headShare <= 1))
      throw new IllegalArgumentException("head share must be in [0, 1], was " + headShare);
    if (prefixSegments < 1)
      throw new IllegalArgumentException(
          "prefix segments must be at least 1, was " + prefixSegments);
  }
}
