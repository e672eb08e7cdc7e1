package org.telcocdn.cli;

import java.util.Map;

/**
 * One service of a topology as written in the YAML file. {@code controlPort} is the control
 * listener of a service that also has a viewer listener (vid-metadata, the broker, edges,
 * analytics, the client); the others have one listener, {@code port}, which is their control
 * listener (docs/security.md). {@code grpcPort} is for vid-raw only, {@code raftPort} (the Raft
 * transport) for cache-index members only, whose name is also their member id, and {@code site} for
 * edges only (their coverage zone), except in a topology with sites, where every service names the
 * site it runs in (an edge's is also its coverage zone); {@code env} overrides the wired
 * configuration, keyed either by a setting ({@code edge.disk.max-bytes}) or by an environment
 * variable name ({@code CDN_LOG_LEVEL}).
 */
public record ServiceSpec(
    String name,
    String role,
    Integer port,
    Integer controlPort,
    Integer grpcPort,
    Integer raftPort,
    String site,
    Map<String, String> env) {
  private static final String LOOPBACK = "127.0.0.1";

  public ServiceSpec {
    env = env == null ? Map.of() : Map.copyOf(env);
  }

  /** Valid only after {@link Topology#validate}, which rejects unknown roles. */
  public Role roleValue() {
    return Role.ofModule(role)
        .orElseThrow(() -> CliException.usage("unknown role '" + role + "' of service " + name));
  }

  /**
   * The viewer listener's URL on 127.0.0.1 (the control listener's for a service with only that
   * one); a topology with sites has its own: {@link Topology#url}.
   */
  public String url() {
    return url(LOOPBACK);
  }

  /**
   * The control listener's URL (HTTPS, mutual TLS) on 127.0.0.1; with sites: {@link
   * Topology#controlUrl}.
   */
  public String controlUrl() {
    return controlUrl(LOOPBACK);
  }

  /**
   * The viewer listener's URL at {@code host}, or the control listener's for a service with only
   * that one.
   */
  public String url(String host) {
    return url(host, false);
  }

  /** As {@link #url(String)}, the viewer listener on {@code https://} when {@code viewerHttps}. */
  public String url(String host, boolean viewerHttps) {
    if (!roleValue().viewerListener()) return controlUrl(host);
    return (viewerHttps ? "https://" : "http://") + host + ":" + port;
  }

  /** The control listener's URL at {@code host}. */
  public String controlUrl(String host) {
    return "https://" + host + ":" + (roleValue().viewerListener() ? controlPort : port);
  }
}
