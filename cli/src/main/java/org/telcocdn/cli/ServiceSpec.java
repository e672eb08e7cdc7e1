package org.telcocdn.cli;

import java.util.Map;

/**
 * One service of a topology as written in the YAML file. {@code grpcPort} is for vid-raw only,
 * {@code raftPort} (the Raft transport) for cache-index members only, whose name is also their
 * member id, and {@code site} for edges only (their coverage zone), except in a topology with
 * sites, where every service names the site it runs in (an edge's is also its coverage zone);
 * {@code env} overrides the wired configuration, keyed either by a setting ({@code
 * edge.disk.max-bytes}) or by an environment variable name ({@code CDN_LOG_LEVEL}).
 */
public record ServiceSpec(
    String name,
    String role,
    Integer port,
    Integer grpcPort,
    Integer raftPort,
    String site,
    Map<String, String> env) {
  public ServiceSpec {
    env = env == null ? Map.of() : Map.copyOf(env);
  }

  /** Valid only after {@link Topology#validate}, which rejects unknown roles. */
  public Role roleValue() {
    return Role.ofModule(role)
        .orElseThrow(() -> CliException.usage("unknown role '" + role + "' of service " + name));
  }

  /** The URL on 127.0.0.1; a topology with sites has its own: {@link Topology#url}. */
  public String url() {
    return "http://127.0.0.1:" + port;
  }
}
