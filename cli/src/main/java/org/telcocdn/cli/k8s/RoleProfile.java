package org.telcocdn.cli.k8s;

import org.telcocdn.cli.Role;

/**
 * How each role runs in a cluster: the workload kind, what it asks of a node, the volume it keeps
 * its data on, and whether viewers reach it. One place, so that a new role is one more row.
 *
 * <p>Memory: every JVM gets {@code -XX:MaxRAMPercentage=50} (heap at most half the limit) and
 * {@code -XX:MaxDirectMemorySize=1g} from the launcher's options; the limit leaves room for the
 * other half (direct buffers, metaspace, code cache, threads).
 *
 * @param component the {@code app.kubernetes.io/component} label
 * @param statefulSet a StatefulSet (stable identity, a volume per pod) rather than a Deployment
 * @param viewerFacing viewers' browsers or players call it: a LoadBalancer Service publishes it
 * @param cpu the CPU request
 * @param memory the memory request
 * @param memoryLimit the memory limit (no CPU limit: throttling a latency-bound service hurts its
 *     tail)
 * @param volume the name of its persistent volume, or null for none (an emptyDir then)
 * @param volumeSize the volume's request, for roles whose size the configuration does not say
 */
public record RoleProfile(
    String component,
    boolean statefulSet,
    boolean viewerFacing,
    String cpu,
    String memory,
    String memoryLimit,
    String volume,
    String volumeSize) {

  /**
   * A vid-cache in a regional site (docs/topology.md, "Cache tiers"): an edge's pod and volume, but
   * only child edges call it, at its control listener, so nothing publishes it to viewers.
   */
  public static RoleProfile midTierCache() {
    return new RoleProfile("mid-tier-cache", true, false, "1", "2Gi", "3Gi", "cache", null);
  }

  public static RoleProfile of(Role role) {
    return switch (role) {
      // Raft log and snapshots on their own volume; little CPU (batched reports, a few reads).
      case CACHE_INDEX ->
          new RoleProfile("cache-index", true, false, "250m", "512Mi", "1Gi", "raft", "5Gi");
      // The catalog: H2 by default, whose file needs a volume (none with PostgreSQL).
      case METADATA -> new RoleProfile("catalog", false, true, "250m", "512Mi", "1Gi", "db", "2Gi");
      // -Xms1g -Xmn600m (Role): a heap of 1 GiB from the start, so the limit is well above it.
      case BROKER -> new RoleProfile("router", false, true, "1", "2Gi", "3Gi", null, null);
      // ffmpeg transcodes the ladder in the pod: CPU bound while ingesting; the store is the
      // origin's library.
      case RAW -> new RoleProfile("origin", false, false, "2", "2Gi", "4Gi", "store", "200Gi");
      // Memory tier off-heap (256 MiB by default) within the 1 GiB of direct memory; the disk tier
      // on its volume.
      case EDGE -> new RoleProfile("edge-cache", true, true, "1", "2Gi", "3Gi", "cache", null);
      // Snapshots of its state; the player's beacons come from viewers.
      case ANALYTICS ->
          new RoleProfile("analytics", false, true, "250m", "512Mi", "1Gi", "state", "2Gi");
      case CONTROLLER ->
          new RoleProfile("controller", false, false, "100m", "256Mi", "512Mi", null, null);
      // Static pages and /config.json.
      case CLIENT ->
          new RoleProfile("player-pages", false, true, "100m", "256Mi", "512Mi", null, null);
    };
  }
}
