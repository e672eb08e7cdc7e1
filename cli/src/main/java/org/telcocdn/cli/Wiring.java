package org.telcocdn.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.telcocdn.common.config.Settings;
import org.telcocdn.common.json.Json;

/**
 * The configuration each service gets from the topology: its own ports and data directory, and the
 * URLs of the services it calls, as {@code CDN_*} environment variables (see docs/contracts.md). A
 * pure function, so the wiring is tested without starting anything.
 */
public final class Wiring {
  private static final Map<Role, String> HOST_KEYS = Map.of(Role.CACHE_INDEX, "index.host", Role.METADATA, "metadata.host",
      Role.BROKER, "broker.host", Role.RAW, "origin.host", Role.EDGE, "edge.host", Role.ANALYTICS, "analytics.host",
      Role.CONTROLLER, "controller.host", Role.CLIENT, "client.host");
  private final Topology topology;
  private final Path dataDir;

  /** @param dataDir absolute: children may run from another working directory */
  public Wiring(Topology topology, Path dataDir) {
    this.topology = topology;
    this.dataDir = dataDir;
  }

  /** The environment of {@code service}: the wired keys, then its {@code env:} overrides. */
  public Map<String, String> env(ServiceSpec service) {
    Map<String, String> keys = new LinkedHashMap<>();
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
    // With sites, each service binds its own address in its site's namespace; without, the default 127.0.0.1.
    if (topology.sited()) keys.put(HOST_KEYS.get(service.roleValue()), topology.host(service));
    Map<String, String> env = new LinkedHashMap<>();
    keys.forEach((key, value) -> env.put(Settings.envName(key), value));
    service.env().forEach((key, value) -> env.put(envKey(key), value));
    return env;
  }

  /** Where {@code service}'s stdout and stderr go. */
  public Path logFile(ServiceSpec service) {
    return dataDir.resolve("logs").resolve(service.name() + ".log");
  }

  /** A member's id is its service name; every member gets the same peers, its own HTTP port and storage. */
  private void index(ServiceSpec s, Map<String, String> keys) {
    keys.put("index.id", s.name());
    keys.put("index.peers", topology.indexPeers());
    keys.put("index.http-port", port(s));
    keys.put("index.storage-dir", data("cache-index").resolve(s.name()).toString());
  }

  private void broker(ServiceSpec s, Map<String, String> keys) {
    keys.put("broker.port", port(s));
    if (!topology.indexPeers().isEmpty()) keys.put("broker.index.peers", topology.indexPeers());
  }

  private void metadata(ServiceSpec s, Map<String, String> keys) {
    keys.put("metadata.port", port(s));
    keys.put("metadata.db.url", "jdbc:h2:file:" + data("metadata").resolve("videos"));
    keys.put("metadata.broker-url", url(Role.BROKER));
  }

  private void origin(ServiceSpec s, Map<String, String> keys) {
    keys.put("origin.port", port(s));
    keys.put("origin.grpc-port", Integer.toString(s.grpcPort()));
    keys.put("origin.store-dir", data("origin").toString());
    keys.put("origin.metadata-url", url(Role.METADATA));
  }

  private void edge(ServiceSpec s, Map<String, String> keys) {
    keys.put("edge.name", s.name());
    keys.put("edge.port", port(s));
    keys.put("edge.site", s.site());
    keys.put("edge.origin-target", topology.host(topology.only(Role.RAW)) + ":" + topology.only(Role.RAW).grpcPort());
    keys.put("edge.broker-url", url(Role.BROKER));
    keys.put("edge.cache-dir", data(s.name()).toString());
    keys.put("edge.access-log.dir", accessLogs().toString());
    if (!topology.indexPeers().isEmpty()) keys.put("edge.index.peers", topology.indexPeers());
    if (!topology.deliveryServices().isEmpty()) keys.put("edge.delivery-services", Json.string(topology.deliveryServices()));
  }

  /** Follows the access logs every edge of this topology writes. */
  private void analytics(ServiceSpec s, Map<String, String> keys) {
    keys.put("analytics.port", port(s));
    keys.put("analytics.log-dir", accessLogs().toString());
    keys.put("analytics.state-dir", data("analytics").toString());
  }

  /** Popularity from analytics (required with a controller), edges from the broker, sizes from metadata. */
  private void controller(ServiceSpec s, Map<String, String> keys) {
    keys.put("controller.port", port(s));
    keys.put("controller.broker-url", url(Role.BROKER));
    keys.put("controller.metadata-url", url(Role.METADATA));
    keys.put("controller.analytics-url", url(Role.ANALYTICS));
    if (!topology.indexPeers().isEmpty()) keys.put("controller.index.peers", topology.indexPeers());
  }

  private Path accessLogs() {
    return dataDir.resolve("logs").resolve("access");
  }

  private void client(ServiceSpec s, Map<String, String> keys) {
    keys.put("client.port", port(s));
    keys.put("client.metadata-url", url(Role.METADATA));
    keys.put("client.broker-url", url(Role.BROKER));
    // the player's beacons and the operator page; empty turns the beacons off
    keys.put("client.analytics-url", topology.ofRole(Role.ANALYTICS).stream().findFirst().map(topology::url).orElse(""));
  }

  private String url(Role role) {
    return topology.url(topology.only(role));
  }

  private Path data(String name) {
    return dataDir.resolve("data").resolve(name);
  }

  private static String port(ServiceSpec s) {
    return Integer.toString(s.port());
  }

  /** A setting key (has a dot) becomes its variable; anything else is taken as a variable name. */
  static String envKey(String key) {
    return key.contains(".") ? Settings.envName(key) : key;
  }
}
