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
  METADATA("vid-metadata", "org.telcocdn.metadata.MetadataMain", true),
  BROKER("vid-cache-broker", "org.telcocdn.broker.BrokerMain", true),
  RAW("vid-raw", "org.telcocdn.raw.OriginMain", true),
  EDGE("vid-cache", "org.telcocdn.cache.EdgeMain", false),
  CLIENT("client", "org.telcocdn.client.ClientMain", true);

  private final String module;
  private final String mainClass;
  private final boolean single;

  Role(String module, String mainClass, boolean single) {
    this.module = module;
    this.mainClass = mainClass;
    this.single = single;
  }

  /** The name used in topology files and {@code cdn ps}: the Maven module of the service. */
  public String module() {
    return module;
  }

  /** Named as a string so this module compiles before the services exist. */
  public String mainClass() {
    return mainClass;
  }

  /** Whether a topology holds exactly one service of this role (edges may be many). */
  public boolean single() {
    return single;
  }

  public static Optional<Role> ofModule(String module) {
    return Arrays.stream(values()).filter(r -> r.module.equals(module)).findFirst();
  }
}
