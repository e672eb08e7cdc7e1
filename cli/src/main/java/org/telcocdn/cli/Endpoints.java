package org.telcocdn.cli;

import java.nio.file.Path;

/**
 * Where the services of a topology bind, how they reach each other, how viewers' browsers and
 * players reach them, and where their data lives. {@link Wiring} turns these into each service's
 * settings, the same way for every place the services run: {@link #local} for {@code cdn up}
 * (127.0.0.1, or each service's address in its site), and {@code
 * org.telcocdn.cli.k8s.ClusterEndpoints} for a Kubernetes cluster (Service names in-cluster, a
 * viewer host name per exposed service).
 */
public interface Endpoints {
  /** The address {@code service} binds; null leaves its default (127.0.0.1). */
  String bindHost(ServiceSpec service);

  /** The host other services reach {@code service} at. */
  String host(ServiceSpec service);

  /** The base URL other services call {@code service} at. */
  default String url(ServiceSpec service) {
    return "http://" + host(service) + ":" + service.port();
  }

  /** The base URL a viewer's browser or player uses for {@code service}. */
  String viewerUrl(ServiceSpec service);

  /**
   * The URL an edge tells the broker to send players to, when it is not the edge's own {@code
   * http://edge.host:port} (then null, and {@code edge.public-url} stays unset).
   */
  String publicUrl(ServiceSpec edge);

  /** The root of every service's data, logs included. */
  Path dataDir();

  /**
   * Whether the edges and analytics share one filesystem: then analytics follows the edges' access
   * log files; otherwise (separate machines) the edges ship their records to analytics over HTTP.
   */
  boolean sharedFilesystem();

  /**
   * On this machine, as {@code cdn up} runs them: {@link Topology#host} and {@link Topology#url}.
   */
  static Endpoints local(Topology topology, Path dataDir) {
    return new Endpoints() {
      @Override
      public String bindHost(ServiceSpec service) {
        // With sites, each service binds its own address in its site's namespace; without, the
        // default.
        return topology.sited() ? topology.host(service) : null;
      }

      @Override
      public String host(ServiceSpec service) {
        return topology.host(service);
      }

      @Override
      public String url(ServiceSpec service) {
        return topology.url(service);
      }

      @Override
      public String viewerUrl(ServiceSpec service) {
        return topology.url(service);
      }

      @Override
      public String publicUrl(ServiceSpec edge) {
        return null;
      }

      @Override
      public Path dataDir() {
        return dataDir;
      }

      @Override
      public boolean sharedFilesystem() {
        return true;
      }
    };
  }
}
