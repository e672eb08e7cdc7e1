package org.telcocdn.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.telcocdn.common.config.Settings;

/**
 * The configuration each service gets from the topology: its own ports and data directory, and the
 * URLs of the services it calls, as {@code CDN_*} environment variables (see docs/contracts.md). A
 * pure function, so the wiring is tested without starting anything.
 */
public final class Wiring {
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
      case METADATA -> metadata(service, keys);
      case BROKER -> keys.put("broker.port", port(service));
      case RAW -> origin(service, keys);
      case EDGE -> edge(service, keys);
      case ANALYTICS -> analytics(service, keys);
      case CLIENT -> client(service, keys);
    }
    Map<String, String> env = new LinkedHashMap<>();
    keys.forEach((key, value) -> env.put(Settings.envName(key), value));
    service.env().forEach((key, value) -> env.put(envKey(key), value));
    return env;
  }

  /** Where {@code service}'s stdout and stderr go. */
  public Path logFile(ServiceSpec service) {
    return dataDir.resolve("logs").resolve(service.name() + ".log");
  }

  private void metadata(ServiceSpec s, Map<String, String> keys) {
    keys.put("metadata.port", port(s));
    keys.put("metadata.db.url", "jdbc:h2:file:" + data("metadata").resolve("videos"));
    keys.put("metadata.broker-url", topology.only(Role.BROKER).url());
  }

  private void origin(ServiceSpec s, Map<String, String> keys) {
    keys.put("origin.port", port(s));
    keys.put("origin.grpc-port", Integer.toString(s.grpcPort()));
    keys.put("origin.store-dir", data("origin").toString());
    keys.put("origin.metadata-url", topology.only(Role.METADATA).url());
  }

  private void edge(ServiceSpec s, Map<String, String> keys) {
    keys.put("edge.name", s.name());
    keys.put("edge.port", port(s));
    keys.put("edge.site", s.site());
    keys.put("edge.origin-target", "127.0.0.1:" + topology.only(Role.RAW).grpcPort());
    keys.put("edge.broker-url", topology.only(Role.BROKER).url());
    keys.put("edge.cache-dir", data(s.name()).toString());
    keys.put("edge.access-log.dir", accessLogs().toString());
  }

  /** Follows the access logs every edge of this topology writes. */
  private void analytics(ServiceSpec s, Map<String, String> keys) {
    keys.put("analytics.port", port(s));
    keys.put("analytics.log-dir", accessLogs().toString());
    keys.put("analytics.state-dir", data("analytics").toString());
  }

  private Path accessLogs() {
    return dataDir.resolve("logs").resolve("access");
  }

  private void client(ServiceSpec s, Map<String, String> keys) {
    keys.put("client.port", port(s));
    keys.put("client.metadata-url", topology.only(Role.METADATA).url());
    keys.put("client.broker-url", topology.only(Role.BROKER).url());
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
