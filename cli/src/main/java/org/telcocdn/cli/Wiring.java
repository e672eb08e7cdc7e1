package org.telcocdn.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.telcocdn.cli.network.Coverage;
import org.telcocdn.cli.network.Node;
import org.telcocdn.cli.network.NodeKind;
import org.telcocdn.common.config.Settings;
import org.telcocdn.common.json.Json;
import org.telcocdn.security.Secrets;
import org.telcocdn.security.ViewerCertificate;

/**
 * The configuration each service gets from the topology: its own ports (viewer and control) and
 * data directory, its certificate and the CA under {@code dataDir/secrets} ({@link Secrets}), and
 * the URLs of the services it calls, as {@code CDN_*} environment variables (see
 * docs/contracts.md): a service's calls to another go to that one's control listener over mutual
 * TLS, except catalog reads, which are public. A pure function, so the wiring is tested without
 * starting anything. Where the services run is the {@link Endpoints}' business: {@code cdn up} and
 * the Kubernetes manifests ({@code cdn topology k8s}) get their settings from this one class.
 */
public final class Wiring {
  /** The broker's probing of edges in a topology with sites (see {@link #broker}). */
  static final String PROBE_INTERVAL = "250ms";

  static final String PROBE_MISSES = "8";

  private static final Map<Role, String> HOST_KEYS =
      Map.of(
          Role.CACHE_INDEX,
          "index.host",
          Role.METADATA,
          "metadata.host",
          Role.BROKER,
          "broker.host",
          Role.RAW,
          "origin.host",
          Role.EDGE,
          "edge.host",
          Role.ANALYTICS,
          "analytics.host",
          Role.CONTROLLER,
          "controller.host",
          Role.CLIENT,
          "client.host");

  /**
   * The control listeners of the services that have two (the others' only listener is under
   * HOST_KEYS).
   */
  private static final Map<Role, String> CONTROL_HOST_KEYS =
      Map.of(
          Role.METADATA,
          "metadata.control-host",
          Role.BROKER,
          "broker.control-host",
          Role.EDGE,
          "edge.control-host",
          Role.ANALYTICS,
          "analytics.control-host",
          Role.CLIENT,
          "client.control-host");

  private final Topology topology;
  private final Endpoints endpoints;
  private final Path dataDir;

  /**
   * As {@code cdn up} runs the services. @param dataDir absolute: children may run from another
   * working directory
   */
  public Wiring(Topology topology, Path dataDir) {
    this(topology, Endpoints.local(topology, dataDir));
  }

  public Wiring(Topology topology, Endpoints endpoints) {
    this.topology = topology;
    this.endpoints = endpoints;
    this.dataDir = endpoints.dataDir();
  }

  /** The setting keys of {@code role}'s own bind address ({@code edge.host}...). */
  public static String hostKey(Role role) {
    return HOST_KEYS.get(role);
  }

  /** The environment of {@code service}: the wired keys, then its {@code env:} overrides. */
  public Map<String, String> env(ServiceSpec service) {
    Map<String, String> keys = new LinkedHashMap<>(security(service));
    switch (service.roleValue()) {
      case CACHE_INDEX -> index(service, keys);
      case METADATA -> metadata(service, keys);
      case BROKER -> broker(service, keys);
      case RAW -> origin(service, keys);
      case EDGE -> edge(service, keys);
      case ANALYTICS -> analytics(service, keys);
      case CONTROLLER -> controller(service, keys);
      case CLIENT -> client(service, keys);
    }
    // Each service binds its own address (its site's, or every address of a pod); null: the default
    // 127.0.0.1.
    String bind = endpoints.bindHost(service);
    if (bind != null) {
      keys.put(HOST_KEYS.get(service.roleValue()), bind);
      if (CONTROL_HOST_KEYS.containsKey(service.roleValue()))
        keys.put(CONTROL_HOST_KEYS.get(service.roleValue()), bind);
    }
    Map<String, String> env = new LinkedHashMap<>();
    keys.forEach((key, value) -> env.put(Settings.envName(key), value));
    service.env().forEach((key, value) -> env.put(envKey(key), value));
    return env;
  }

  /**
   * The {@code security.*} keys of {@code service}: its own key and certificate, the CA, the
   * operators' keys.
   */
  private Map<String, String> security(ServiceSpec service) {
    Secrets secrets = secrets(dataDir);
    Map<String, String> keys = new LinkedHashMap<>();
    keys.put("security.tls.cert", secrets.serviceCert(service.name()).toString());
    keys.put("security.tls.key", secrets.serviceKey(service.name()).toString());
    keys.put("security.tls.ca", secrets.caCert().toString());
    keys.put("security.operator-keys", secrets.operatorKeys().toString());
    keys.put("security.audit-log.dir", dataDir.resolve("logs").resolve("audit").toString());
    // Every viewer listener, not only the edges': the https player page calls the catalog, the
    // broker and the beacons from the browser, which blocks plain-HTTP calls from an HTTPS page.
    if (topology.viewerHttps() && service.roleValue().viewerListener()) {
      ViewerCertificate viewer = viewerCertificate(dataDir);
      keys.put("security.viewer-tls.cert", viewer.cert().toString());
      keys.put("security.viewer-tls.key", viewer.key().toString());
    }
    return keys;
  }

  /** The demo viewer certificate {@code cdn up --viewer-https} keeps for {@code dataDir}. */
  public static ViewerCertificate viewerCertificate(Path dataDir) {
    return ViewerCertificate.in(secrets(dataDir).dir());
  }

  /**
   * The CA that {@code url} of a {@code role} service is checked against: the viewer CA for an
   * HTTPS viewer listener, else the internal CA.
   */
  public static Path trustFor(Path dataDir, String role, String url) {
    boolean viewer = Role.ofModule(role).map(Role::viewerListener).orElse(false);
    return viewer && url.startsWith("https:")
        ? viewerCertificate(dataDir).caCert()
        : secrets(dataDir).caCert();
  }

  /** The secrets {@code cdn up} keeps for the topology of {@code dataDir}. */
  public static Secrets secrets(Path dataDir) {
    return Secrets.at(dataDir.resolve("secrets"));
  }

  /** Where {@code service}'s stdout and stderr go. */
  public Path logFile(ServiceSpec service) {
    return dataDir.resolve("logs").resolve(service.name() + ".log");
  }

  /**
   * A member's id is its service name; every member gets the same peers, its own HTTP port and
   * storage.
   */
  private void index(ServiceSpec s, Map<String, String> keys) {
    keys.put("index.id", s.name());
    keys.put("index.peers", indexPeers());
    keys.put("index.http-port", port(s));
    keys.put("index.storage-dir", data("cache-index").resolve(s.name()).toString());
  }

  /**
   * With sites, the broker routes by location: client groups are its coverage zones, link delays
   * order the neighbours.
   */
  private void broker(ServiceSpec s, Map<String, String> keys) {
    keys.put("broker.port", port(s));
    keys.put("broker.control-port", controlPort(s));
    keys.put(
        "security.url-signing.private-keys", ViewerKeys.files(dataDir).signingFile().toString());
    if (!indexPeers().isEmpty()) keys.put("broker.index.peers", indexPeers());
    // The broker probes each edge's viewer listener, whose demo certificate no public CA issued.
    if (topology.viewerHttps())
      keys.put("broker.probe-ca", viewerCertificate(dataDir).caCert().toString());
    if (topology.sited()) {
      Coverage coverage = new Coverage(topology.siteNetwork());
      keys.put("broker.coverage-zones", coverage.zones());
      keys.put("broker.site-latencies", coverage.siteLatencies());
      String tierCaches =
          topology.ofRole(Role.EDGE).stream()
              .filter(e -> tierOf(e) != null)
              .map(e -> e.name() + "=" + endpoints.controlUrl(e))
              .collect(Collectors.joining(","));
      // Regional and cloud caches register nowhere, so the broker's invalidations find them here.
      if (!tierCaches.isEmpty()) keys.put("broker.tier-caches", tierCaches);
      String cloudTier =
          topology.ofRole(Role.EDGE).stream()
              .filter(e -> NodeKind.CLOUD.equals(kindOf(e)))
              .map(e -> e.name() + "=" + endpoints.viewerUrl(e))
              .collect(Collectors.joining(","));
      // Where new sessions of a saturated site go (docs/continuum.md, "Overflow to the cloud").
      if (!cloudTier.isEmpty()) {
        keys.put("broker.cloud-tier", cloudTier);
        topology.ofRole(Role.EDGE).stream()
            .filter(e -> NodeKind.CLOUD.equals(kindOf(e)))
            .findFirst()
            .ifPresent(e -> keys.put("broker.cloud-tier-site", e.site()));
      }
      // A site cut off must be routed around within 3 s (issue 16). An edge is DOWN once the
      // probes' misses span (misses - 1) x interval + timeout: the defaults (3 misses, 1 s, 500 ms)
      // need 2.5 s of silence but, with the cut falling anywhere in a probe interval, see it
      // 2.5-3.5 s after the cut (2.7 and 3.5 s measured). Probing 4 times as often with 8 misses
      // needs 2.25 s of silence, still within the 2-3 s that the heartbeat timeout (3 s, beats
      // every 1 s) already takes as DOWN, and sees a cut 2.25-2.5 s after it (docs/topology.md,
      // "Failure drills"); 16 probes a second for the example's four edges.
      keys.put("broker.probe-interval", PROBE_INTERVAL);
      keys.put("broker.probe-misses", PROBE_MISSES);
    }
  }

  private void metadata(ServiceSpec s, Map<String, String> keys) {
    keys.put("metadata.port", port(s));
    keys.put("metadata.control-port", controlPort(s));
    keys.put("metadata.db.url", "jdbc:h2:file:" + data("metadata").resolve("videos"));
    // builds the playUrl viewers follow
    keys.put("metadata.broker-url", viewerUrl(Role.BROKER));
    // receives invalidations
    keys.put("metadata.broker-control-url", controlUrl(Role.BROKER));
  }

  private void origin(ServiceSpec s, Map<String, String> keys) {
    keys.put("origin.port", port(s));
    keys.put("origin.grpc-port", Integer.toString(s.grpcPort()));
    keys.put("origin.store-dir", data("origin").toString());
    keys.put("origin.metadata-url", controlUrl(Role.METADATA));
  }

  private void edge(ServiceSpec s, Map<String, String> keys) {
    keys.put("edge.name", s.name());
    keys.put("edge.port", port(s));
    keys.put("edge.control-port", controlPort(s));
    keys.put("edge.site", s.site());
    keys.put(
        "edge.origin-target",
        endpoints.host(topology.only(Role.RAW)) + ":" + topology.only(Role.RAW).grpcPort());
    keys.put("edge.broker-url", controlUrl(Role.BROKER));
    String publicUrl = endpoints.publicUrl(s);
    // A regional or cloud cache registers nowhere, so no edge.public-url of it reaches the broker.
    if (publicUrl != null && tierOf(s) == null) keys.put("edge.public-url", publicUrl);
    keys.put("edge.cache-dir", data(s.name()).toString());
    keys.put("edge.access-log.dir", accessLogs().toString());
    keys.put("security.url-signing.public-keys", ViewerKeys.files(dataDir).publicFile().toString());
    // Apart from analytics (another machine), the records travel over HTTP instead of a shared
    // directory.
    if (!endpoints.sharedFilesystem()) {
      topology.ofRole(Role.ANALYTICS).stream()
          .findFirst()
          .ifPresent(
              a -> keys.put("edge.access-log.ship-url", endpoints.controlUrl(a) + "/api/logs"));
    }
    if (!topology.deliveryServices().isEmpty())
      keys.put("edge.delivery-services", Json.string(topology.deliveryServices()));
    // federated rounds of the demand-spike model (docs/prediction.md), when there is a controller
    topology.ofRole(Role.CONTROLLER).stream()
        .findFirst()
        .ifPresent(c -> keys.put("edge.predict.controller-url", endpoints.controlUrl(c)));
    String tier = tierOf(s);
    if (!indexPeers().isEmpty()) keys.put("edge.index.peers", indexPeers());
    if (tier != null) {
      // A mid-tier or cloud cache: serves its children's fills and registers with no broker (its
      // children find it by their parents; the broker sends overflow to the cloud tier by
      // broker.cloud-tier); a regional cache fills from the cloud tier. With an index it reports
      // its holdings there, and nothing else of replication runs in it (docs/replication.md).
      keys.put("edge.tier", tier);
      parents(s, keys);
      return;
    }
    if (topology.sited()) parents(s, keys);
  }

  /** {@code regional} or {@code cloud} for a vid-cache in such a site; null for an edge. */
  private String tierOf(ServiceSpec s) {
    NodeKind kind = kindOf(s);
    if (kind == NodeKind.REGIONAL) return "regional";
    if (kind == NodeKind.CLOUD) return "cloud";
    return null;
  }

  private NodeKind kindOf(ServiceSpec s) {
    if (!topology.sited()) return null;
    return topology.siteNetwork().node(s.site()).map(Node::kind).orElse(null);
  }

  /**
   * A cache's parents (docs/topology.md, "Cache tiers"): the vid-caches of its site's parent sites,
   * primary first; a parent site without a cache (a cloud site with the origin alone) adds none, so
   * a miss goes on to the next, and finally to the origin. A cloud site has no parents.
   */
  private void parents(ServiceSpec s, Map<String, String> keys) {
    List<String> tiers =
        topology.siteNetwork().node(s.site()).map(Node::parents).orElse(List.of()).stream()
            .map(this::cachesIn)
            .filter(caches -> !caches.isEmpty())
            .toList();
    if (!tiers.isEmpty()) keys.put("edge.parents.primary", tiers.getFirst());
    if (tiers.size() > 1) keys.put("edge.parents.secondary", tiers.get(1));
  }

  /**
   * {@code name=https://host:port,...}: the vid-caches of {@code site} at their control listeners.
   */
  private String cachesIn(String site) {
    return topology.ofRole(Role.EDGE).stream()
        .filter(e -> site.equals(e.site()))
        .map(e -> e.name() + "=" + endpoints.controlUrl(e))
        .collect(Collectors.joining(","));
  }

  /** Follows the access logs every edge of this topology writes. */
  private void analytics(ServiceSpec s, Map<String, String> keys) {
    keys.put("analytics.port", port(s));
    keys.put("analytics.control-port", controlPort(s));
    keys.put("analytics.log-dir", endpoints.sharedFilesystem() ? accessLogs().toString() : "");
    keys.put("analytics.state-dir", data("analytics").toString());
  }

  /**
   * Popularity from analytics (required with a controller), edges from the broker, sizes from
   * metadata.
   */
  private void controller(ServiceSpec s, Map<String, String> keys) {
    keys.put("controller.port", port(s));
    keys.put("controller.broker-url", controlUrl(Role.BROKER));
    keys.put("controller.metadata-url", url(Role.METADATA));
    if (topology.viewerHttps())
      keys.put("controller.metadata-ca", viewerCertificate(dataDir).caCert().toString());
    keys.put("controller.analytics-url", controlUrl(Role.ANALYTICS));
    if (!indexPeers().isEmpty()) keys.put("controller.index.peers", indexPeers());
    keys.put("controller.triggers.dir", data("controller").resolve("triggers").toString());
    String cacheTiers =
        topology.ofRole(Role.EDGE).stream()
            .filter(e -> tierOf(e) != null)
            .map(e -> e.name() + "=" + tierOf(e))
            .collect(Collectors.joining(","));
    // The trigger status resource names the tiers' part (docs/continuum.md, "The tiers' part").
    if (!cacheTiers.isEmpty()) keys.put("controller.cache-tiers", cacheTiers);
  }

  /**
   * {@code n1=HOST:PORT,...}: the Raft peers of the cache-index members as the others reach them;
   * empty without any.
   */
  private String indexPeers() {
    return String.join(
        ",",
        topology.ofRole(Role.CACHE_INDEX).stream()
            .map(s -> s.name() + "=" + endpoints.host(s) + ":" + s.raftPort())
            .toList());
  }

  private Path accessLogs() {
    return dataDir.resolve("logs").resolve("access");
  }

  private void client(ServiceSpec s, Map<String, String> keys) {
    keys.put("client.port", port(s));
    keys.put("client.control-port", controlPort(s));
    // the pages call these from the viewer's browser
    keys.put("client.metadata-url", viewerUrl(Role.METADATA));
    keys.put("client.broker-url", viewerUrl(Role.BROKER));
    // the player's beacons and the operator page; empty turns the beacons off
    keys.put(
        "client.analytics-url",
        topology.ofRole(Role.ANALYTICS).stream().findFirst().map(endpoints::viewerUrl).orElse(""));
    // the operator page's reads, through the client's /ops proxy
    keys.put(
        "client.analytics-control-url",
        topology.ofRole(Role.ANALYTICS).stream().findFirst().map(endpoints::controlUrl).orElse(""));
    keys.put(
        "client.controller-url",
        topology.ofRole(Role.CONTROLLER).stream()
            .findFirst()
            .map(endpoints::controlUrl)
            .orElse(""));
  }

  private String url(Role role) {
    return endpoints.url(topology.only(role));
  }

  private String viewerUrl(Role role) {
    return endpoints.viewerUrl(topology.only(role));
  }

  private String controlUrl(Role role) {
    return endpoints.controlUrl(topology.only(role));
  }

  private Path data(String name) {
    return dataDir.resolve("data").resolve(name);
  }

  private static String port(ServiceSpec s) {
    return Integer.toString(s.port());
  }

  private static String controlPort(ServiceSpec s) {
    return Integer.toString(s.controlPort());
  }

  /** A setting key (has a dot) becomes its variable; anything else is taken as a variable name. */
  static String envKey(String key) {
    return key.contains(".") ? Settings.envName(key) : key;
  }
}
