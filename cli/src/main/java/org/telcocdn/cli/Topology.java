package org.telcocdn.cli;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.telcocdn.cache.http.DeliveryService;

/**
 * The services {@code cdn up} starts, where their data lives, and how long each may take to become
 * healthy. Read by {@link TopologyFile}, which validates it before anything is started.
 *
 * @param dataDir relative to the working directory, like docker compose's project directory
 * @param startTimeoutSeconds how long one service may take from launch to a healthy /health
 * @param deliveryServices content providers' HTTP origins every edge fronts (docs/http-origins.md)
 */
public record Topology(String dataDir, Integer startTimeoutSeconds, List<ServiceSpec> services,
                       List<DeliveryService> deliveryServices) {
  public static final String DEFAULT_DATA_DIR = ".cdn";
  private static final int DEFAULT_START_TIMEOUT_SECONDS = 120;

  public Topology {
    dataDir = dataDir == null || dataDir.isBlank() ? DEFAULT_DATA_DIR : dataDir;
    startTimeoutSeconds = startTimeoutSeconds == null ? DEFAULT_START_TIMEOUT_SECONDS : startTimeoutSeconds;
    services = services == null ? List.of() : List.copyOf(services);
    deliveryServices = deliveryServices == null ? List.of() : List.copyOf(deliveryServices);
  }

  /** A topology of services only, fronting no HTTP origin. */
  public Topology(String dataDir, Integer startTimeoutSeconds, List<ServiceSpec> services) {
    this(dataDir, startTimeoutSeconds, services, null);
  }

  public Path dataPath(Path workDir) {
    return workDir.resolve(dataDir).toAbsolutePath().normalize();
  }

  @JsonIgnore
  public Duration startTimeout() {
    return Duration.ofSeconds(startTimeoutSeconds);
  }

  /** The one service of a single role; validation guarantees it exists. */
  public ServiceSpec only(Role role) {
    return ofRole(role).stream().findFirst()
        .orElseThrow(() -> CliException.usage("the topology has no " + role.module() + " service"));
  }

  public List<ServiceSpec> ofRole(Role role) {
    return services.stream().filter(s -> Role.ofModule(s.role()).orElse(null) == role).toList();
  }

  public Optional<ServiceSpec> named(String name) {
    return services.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /** {@code n1=127.0.0.1:9861,...}: the Raft peers of the cache-index members; empty without any. */
  public String indexPeers() {
    return String.join(",", ofRole(Role.CACHE_INDEX).stream().map(s -> s.name() + "=127.0.0.1:" + s.raftPort()).toList());
  }

  /** Services in start order: by role (see {@link Role}), then as written in the file. */
  public List<ServiceSpec> startOrder() {
    return services.stream().sorted(Comparator.comparing(ServiceSpec::roleValue)).toList();
  }
}
