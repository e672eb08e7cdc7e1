package org.telcocdn.cache.tier;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.telcocdn.cache.EdgeFixture;
import org.telcocdn.cache.EdgeServer;

/**
 * The caches of a tier test: each a real vid-cache on port 0 with its certificate, named and placed
 * in a site, against one origin; closed in the reverse order of their start.
 */
final class TierCaches implements AutoCloseable {
  private final String originTarget;
  private final Path dir;
  private final List<EdgeServer> started = new ArrayList<>();

  TierCaches(String originTarget, Path dir) {
    this.originTarget = originTarget;
    this.dir = dir;
  }

  EdgeServer start(String name, String site, Map<String, String> more) {
    Map<String, String> values = new HashMap<>(more);
    values.put("edge.name", name);
    values.put("edge.site", site);
    values.put("edge.access-log.enabled", "false");
    EdgeServer server = EdgeFixture.edge(originTarget, dir.resolve(name), values);
    started.add(server);
    return server;
  }

  @Override
  public void close() {
    started.reversed().forEach(EdgeServer::close);
  }
}
