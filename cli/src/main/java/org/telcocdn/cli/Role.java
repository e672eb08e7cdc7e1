package org.telcocdn.cli;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a service of the topology is: the module it comes from and the main class that runs it.
 * {@link #needs()} says which roles must be healthy before a role's services are launched (the
 * origin registers videos with metadata, edges register with the broker and fetch from the origin,
 * the controller reads the broker, the catalog and analytics, the client reads metadata and plays
 * through the broker); in a topology with sites the rest start side by side ({@link Cluster#up}).
 * The declaration order lists every role after the ones it needs, and is the start order of a flat
 * topology. Stopping goes the other way, so the index stops last and the edges' and the broker's
 * final writes still find a quorum.
 */
public enum Role {
  /**
   * Optional: the cache index's Raft group, none or at least three members (one or two would be a
   * group that cannot lose a member). Launched first and waited for last (see {@link Cluster#up}):
   * none is healthy before a quorum elected a leader, and nobody needs the index to start.
   */
  CACHE_INDEX(
      "cache-index",
      "org.telcocdn.index.IndexMain",
      false,
      0,
      Integer.MAX_VALUE,
      // A member does little work per second (batched reports, a few reads), so C2's peak speed
      // buys
      // nothing here, while C1 alone halves the CPU three members burn to reach a leader on this
      // 2-core machine (measured 9.6-10.4 s of CPU to healthy, 5.5-5.8 s with C1 only).
      List.of("-XX:TieredStopAtLevel=1")),
  METADATA("vid-metadata", "org.telcocdn.metadata.MetadataMain", true, 1, 1),
  BROKER(
      "vid-cache-broker",
      "org.telcocdn.broker.BrokerMain",
      true,
      1,
      1,
      // Nearly all the broker allocates dies with its request, and its session table is primitive
      // arrays in the old generation: a large young generation means a ~1 ms young pause every few
      // seconds instead of every 0.7 s at 20,000 decisions/s, which halved /play's p99
      // (bench/broker-lb).
      List.of("-Xms1g", "-Xmn600m")),
  RAW("vid-raw", "org.telcocdn.raw.OriginMain", false, 1, 1),
  EDGE("vid-cache", "org.telcocdn.cache.EdgeMain", true, 1, Integer.MAX_VALUE),
  /** Optional: a topology without it runs, with no operator charts. */
  ANALYTICS("analytics", "org.telcocdn.analytics.AnalyticsMain", true, 0, 1),
  /**
   * Optional: the streaming controller, which splits each site's cache capacity among its edges
   * from analytics' popularity (docs/controller.md). Without it every edge's own policy decides
   * alone.
   */
  CONTROLLER("controller", "org.telcocdn.controller.ControllerMain", false, 0, 1),
  CLIENT("client", "org.telcocdn.client.ClientMain", true, 1, 1);

  private final String module;
  private final String mainClass;
  private final boolean viewerListener;
  private final int min;
  private final int max;
  private final List<String> jvmOptions;

  Role(String module, String mainClass, boolean viewerListener, int min, int max) {
    this(module, mainClass, viewerListener, min, max, List.of());
  }

  Role(
      String module,
      String mainClass,
      boolean viewerListener,
      int min,
      int max,
      List<String> jvmOptions) {
    this.module = module;
    this.mainClass = mainClass;
    this.viewerListener = viewerListener;
    this.min = min;
    this.max = max;
    this.jvmOptions = jvmOptions;
  }

  /**
   * The roles whose services must all be healthy before this role's are launched. Only what a
   * service needs in its first seconds: what it uses later it retries (metadata's invalidations to
   * the broker, an edge's fills from its parents, the index, which the broker and edges connect to
   * lazily), so those are not listed and start in parallel.
   */
  public Set<Role> needs() {
    return switch (this) {
      case CACHE_INDEX, METADATA, BROKER, ANALYTICS -> EnumSet.noneOf(Role.class);
      case RAW -> EnumSet.of(METADATA);
      case EDGE -> EnumSet.of(BROKER, RAW);
      case CONTROLLER -> EnumSet.of(BROKER, METADATA, ANALYTICS);
      case CLIENT -> EnumSet.of(METADATA, BROKER);
    };
  }

  /** Whether the service has a viewer listener beside its control listener (docs/security.md). */
  public boolean viewerListener() {
    return viewerListener;
  }

  /** JVM options for this role's processes beyond {@link Launch#JVM_OPTIONS}. */
  public List<String> jvmOptions() {
    return jvmOptions;
  }

  /** The name used in topology files and {@code cdn ps}: the Maven module of the service. */
  public String module() {
    return module;
  }

  /** Named as a string so this module compiles before the services exist. */
  public String mainClass() {
    return mainClass;
  }

  /** How many services of this role a topology may hold, at least and at most. */
  public int min() {
    return min;
  }

  public int max() {
    return max;
  }

  public static Optional<Role> ofModule(String module) {
    return Arrays.stream(values()).filter(r -> r.module.equals(module)).findFirst();
  }
}
