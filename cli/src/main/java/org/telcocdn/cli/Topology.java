package org.telcocdn.cli;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.telcocdn.cache.http.DeliveryService;
import org.telcocdn.cli.network.ClientGroup;
import org.telcocdn.cli.network.LinkEntry;
import org.telcocdn.cli.network.LinkSpec;
import org.telcocdn.cli.network.NetworkSettings;
import org.telcocdn.cli.network.Placement;
import org.telcocdn.cli.network.Site;
import org.telcocdn.cli.network.SiteNetwork;

/**
 * The services {@code cdn up} starts, where their data lives, and how long each may take to become
 * healthy. Read by {@link TopologyFile}, which validates it before anything is started.
 *
 * <p>A topology with {@code sites} is a simulated telco network (docs/topology.md): every service
 * names the site it runs in, each site and client group is a network namespace, and links between
 * them delay, shape and drop packets. Without sites (the default topology) every service runs on
 * 127.0.0.1 as before.
 *
 * @param dataDir relative to the working directory, like docker compose's project directory
 * @param startTimeoutSeconds how long one service may take from launch to a healthy /health
 * @param network names and address blocks of the simulated network (defaults when absent)
 * @param linkDefaults link spec per link class ({@code ran-edge}, {@code edge-regional}...)
 * @param clients client groups (viewers of the radio access network), each behind an edge site
 * @param deliveryServices content providers' HTTP origins every edge fronts (docs/http-origins.md)
 * @param viewerHttps every viewer listener serves HTTPS with the demo viewer certificate of {@code
 *     dataDir/secrets/viewer-tls} ({@code cdn up --viewer-https}); false: plain HTTP
 */
public record Topology(
    String dataDir,
    Integer startTimeoutSeconds,
    List<ServiceSpec> services,
    NetworkSettings network,
    List<Site> sites,
    Map<String, LinkSpec> linkDefaults,
    List<LinkEntry> links,
    List<ClientGroup> clients,
    List<DeliveryService> deliveryServices,
    Boolean viewerHttps) {
  public static final String DEFAULT_DATA_DIR = ".cdn";
  private static final int DEFAULT_START_TIMEOUT_SECONDS = 120;

  public Topology {
    dataDir = dataDir == null || dataDir.isBlank() ? DEFAULT_DATA_DIR : dataDir;
    startTimeoutSeconds =
        startTimeoutSeconds == null ? DEFAULT_START_TIMEOUT_SECONDS : startTimeoutSeconds;
    services = services == null ? List.of() : List.copyOf(services);
    network = network == null ? NetworkSettings.DEFAULTS : network;
    sites = sites == null ? List.of() : List.copyOf(sites);
    linkDefaults = linkDefaults == null ? Map.of() : Map.copyOf(linkDefaults);
    links = links == null ? List.of() : List.copyOf(links);
    clients = clients == null ? List.of() : List.copyOf(clients);
    deliveryServices = deliveryServices == null ? List.of() : List.copyOf(deliveryServices);
    viewerHttps = Boolean.TRUE.equals(viewerHttps);
  }

  /** A topology of services only, all on 127.0.0.1, fronting no HTTP origin. */
  public Topology(String dataDir, Integer startTimeoutSeconds, List<ServiceSpec> services) {
    this(dataDir, startTimeoutSeconds, services, null, null, null, null, null, null, null);
  }

  /** This topology with every viewer listener on HTTPS ({@code cdn up --viewer-https}). */
  public Topology withViewerHttps() {
    return new Topology(
        dataDir,
        startTimeoutSeconds,
        services,
        network,
        sites,
        linkDefaults,
        links,
        clients,
        deliveryServices,
        true);
  }

  /**
   * Whether this topology is a simulated network (it has sites), which {@code cdn up} needs root
   * for.
   */
  @JsonIgnore
  public boolean sited() {
    return !sites.isEmpty();
  }

  /**
   * The resolved network of a topology with sites.
   *
   * @throws IllegalArgumentException naming the field at fault (validation reports it with the
   *     file)
   */
  @JsonIgnore
  public SiteNetwork siteNetwork() {
    if (!sited()) throw CliException.usage("the topology has no sites, so no simulated network");
    List<Placement> placements =
        services.stream()
            .map(
                s ->
                    new Placement(
                        s.name(), s.site(), Role.ofModule(s.role()).orElse(null) == Role.EDGE))
            .toList();
    return SiteNetwork.resolve(network, sites, linkDefaults, links, clients, placements);
  }

  /**
   * The address a service binds and is reached at: its site's address, or 127.0.0.1 without sites.
   */
  public String host(ServiceSpec service) {
    return sited() ? siteNetwork().addressOf(service.name()) : "127.0.0.1";
  }

  /**
   * The base URL of a service (its viewer listener, {@code https://} with {@link #viewerHttps}, or
   * its only listener), as seen from inside the network (and from the host, over the management
   * path).
   */
  public String url(ServiceSpec service) {
    return service.url(host(service), viewerHttps);
  }

  /**
   * The control listener's URL of a service (HTTPS, mutual TLS), at the same address as {@link
   * #url}.
   */
  public String controlUrl(ServiceSpec service) {
    return service.controlUrl(host(service));
  }

  /** The namespace a service runs in; null without sites. */
  public String namespace(ServiceSpec service) {
    return sited() ? siteNetwork().siteOf(service.name()).namespace() : null;
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
    return ofRole(role).stream()
        .findFirst()
        .orElseThrow(() -> CliException.usage("the topology has no " + role.module() + " service"));
  }

  public List<ServiceSpec> ofRole(Role role) {
    return services.stream().filter(s -> Role.ofModule(s.role()).orElse(null) == role).toList();
  }

  public Optional<ServiceSpec> named(String name) {
    return services.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /**
   * {@code n1=127.0.0.1:9861,...}: the Raft peers of the cache-index members; empty without any.
   */
  public String indexPeers() {
    return String.join(
        ",",
        ofRole(Role.CACHE_INDEX).stream()
            .map(s -> s.name() + "=" + host(s) + ":" + s.raftPort())
            .toList());
  }

  /** Services in start order: by role (see {@link Role}), then as written in the file. */
  public List<ServiceSpec> startOrder() {
    return services.stream().sorted(Comparator.comparing(ServiceSpec::roleValue)).toList();
  }
}
