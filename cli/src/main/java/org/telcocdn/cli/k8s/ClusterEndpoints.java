package org.telcocdn.cli.k8s;

import java.nio.file.Path;
import org.telcocdn.cli.Endpoints;
import org.telcocdn.cli.Role;
import org.telcocdn.cli.ServiceSpec;

/**
 * The services as a cluster runs them: each binds every address of its pod, reaches the others by
 * their Service names (a cache-index member by its pod's name under the headless Service), keeps
 * its data under {@link #DATA_DIR} (its own volume), and is published to viewers, when viewers use
 * it, as {@code http://NAME.DOMAIN:PORT}. No filesystem is shared between pods, so the edges ship
 * their access records to analytics over HTTP.
 */
public final class ClusterEndpoints implements Endpoints {
  /** Every pod's data directory: the mount point of its volume. */
  public static final Path DATA_DIR = Path.of("/var/lib/telcocdn");

  private final ClusterOptions options;

  public ClusterEndpoints(ClusterOptions options) {
    this.options = options;
  }

  @Override
  public String bindHost(ServiceSpec service) {
    return "0.0.0.0";
  }

  @Override
  public String host(ServiceSpec service) {
    return service.roleValue() == Role.CACHE_INDEX
        ? service.name() + "." + ClusterTopology.INDEX
        : service.name();
  }

  @Override
  public String viewerUrl(ServiceSpec service) {
    return RoleProfile.of(service.roleValue()).viewerFacing()
        ? "http://" + viewerHost(service) + ":" + service.port()
        : url(service);
  }

  @Override
  public String publicUrl(ServiceSpec edge) {
    return viewerUrl(edge);
  }

  @Override
  public Path dataDir() {
    return DATA_DIR;
  }

  @Override
  public boolean sharedFilesystem() {
    return false;
  }

  /** The host name a viewer-facing service is published under. */
  public String viewerHost(ServiceSpec service) {
    return service.name() + "." + options.viewerDomain();
  }
}
