package org.telcocdn.cli.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.telcocdn.cli.TopologyFile;

/** Routes of the worked example: through the tiers, around cut links. */
class RoutesTest {
  private final SiteNetwork net =
      TopologyFile.load(Path.of("..", "topology", "telco.yaml")).siteNetwork();

  /**
   * The nodes a packet crosses from {@code from} to {@code to}, following each namespace's next
   * hop.
   */
  private List<String> path(Map<String, Map<String, Link>> routes, String from, String to) {
    List<String> path = new ArrayList<>(List.of(from));
    String at = from;
    while (!at.equals(to)) {
      Link hop = routes.get(at).get(to);
      if (hop == null) return null;
      at = hop.other(at);
      path.add(at);
    }
    return path;
  }

  @Test
  void aViewersRequestToTheOriginCrossesEdgeRegionalCoreAndCloud() {
    var routes = net.routes(List.of());
    assertThat(path(routes, "ran-a", "cloud-1"))
        .containsExactly("ran-a", "edge-a", "regional-north", "core-1", "cloud-1");
    assertThat(path(routes, "ran-c", "cloud-1"))
        .containsExactly("ran-c", "edge-c", "regional-south", "core-1", "cloud-1");
    assertThat(path(routes, "cloud-1", "ran-a"))
        .containsExactly("cloud-1", "core-1", "regional-north", "edge-a", "ran-a");
  }

  @Test
  void anEdgeReachesTheCoreThroughItsPrimaryParent() {
    var routes = net.routes(List.of());
    assertThat(routes.get("edge-a").get("core-1").other("edge-a")).isEqualTo("regional-north");
    assertThat(routes.get("edge-d").get("core-1").other("edge-d")).isEqualTo("regional-south");
  }

  @Test
  void cuttingThePrimaryParentsLinkFailsOverToTheSecondary() {
    Link primary = net.link("edge-a", "regional-north").orElseThrow();
    var routes = net.routes(List.of(primary));
    assertThat(path(routes, "ran-a", "cloud-1"))
        .containsExactly("ran-a", "edge-a", "regional-south", "core-1", "cloud-1");
  }

  @Test
  void cuttingTheOnlyCoreCloudLinkLeavesTheCloudUnreachable() {
    var routes = net.routes(List.of(net.link("core-1", "cloud-1").orElseThrow()));
    assertThat(routes.get("edge-a")).doesNotContainKey("cloud-1").containsKey("core-1");
    assertThat(routes.get("cloud-1")).isEmpty();
  }
}
