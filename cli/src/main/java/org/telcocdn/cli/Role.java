package org.telcocdn.cli;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a service of the topology is: the module it comes from and the main class that runs it. The
 * declaration order is the start order: each service needs the ones before it (metadata posts
 * invalidations to the broker, the origin registers videos with metadata, edges register with the
 * broker and fetch from the origin, the client reads metadata and plays through the broker).
 */
public enum Role {
  METADATA("vid-metadata", "org.telcocdn.metadata.MetadataMain", 1, 1),
  BROKER("vid-cache-broker", "org.telcocdn.broker.BrokerMain", 1, 1),
  RAW("vid-raw", "org.telcocdn.raw.OriginMain", 1, 1),
  EDGE("vid-cache", "org.telcocdn.cache.EdgeMain", 1, Integer.MAX_VALUE),
  /** Optional: a topology without it runs, with no operator charts. */
  ANALYTICS("analytics", "org.telcocdn.analytics.AnalyticsMain", 0, 1),
  CLIENT("client", "org.telcocdn.client.ClientMain", 1, 1);

  private final String module;
  private final String mainClass;
  private final int min;
  private final int max;

  Role(String module, String mainClass, int min, int max) {
    this.module = module;
    this.mainClass = mainClass;
    this.min = min;
    this.max = max;
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
