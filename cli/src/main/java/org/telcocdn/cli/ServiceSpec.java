package org.telcocdn.cli;

import java.util.Map;

/**
 * One service of a topology as written in the YAML file. {@code controlPort} is the control listener
 * of a service that also has a viewer listener (vid-metadata, the broker, edges, analytics, the
 * client); the others have one listener, {@code port}, which is their control listener
 * (docs/security.md). {@code grpcPort} is for vid-raw only, {@code raftPort} (the Raft transport) for
 * cache-index members only, whose name is also their member id, and {@code site} for edges only;
 * {@code env} overrides the wired configuration, keyed either by a setting ({@code edge.disk.max-bytes})
 * or by an environment variable name ({@code CDN_LOG_LEVEL}).
 */
public record ServiceSpec(String name, String role, Integer port, Integer controlPort, Integer grpcPort, Integer raftPort,
                          String site, Map<String, String> env) {
  public ServiceSpec {
    env = env == null ? Map.of() : Map.copyOf(env);
  }

  /** Valid only after {@link Topology#validate}, which rejects unknown roles. */
  public Role roleValue() {
    return Role.ofModule(role).orElseThrow(() -> CliException.usage("unknown role '" + role + "' of service " + name));
  }

  /** The viewer listener's URL; the control listener's for a service with only that one. */
  public String url() {
    return roleValue().viewerListener() ? "http://127.0.0.1:" + port : controlUrl();
  }

  /** The control listener's URL (HTTPS, mutual TLS). */
  public String controlUrl() {
    return "https://127.0.0.1:" + (roleValue().viewerListener() ? controlPort : port);
  }
}
