package org.telcocdn.cache.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.telcocdn.cache.EdgeFixture.replication;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.cache.EdgeFixture;
import org.telcocdn.cache.EdgeServer;
import org.telcocdn.cache.FakeOrigin;
import org.telcocdn.index.IndexClient;
import org.telcocdn.index.IndexCluster;
import org.telcocdn.testkit.Await;
import org.telcocdn.testkit.FreePorts;

/**
 * Tier caches in the cache index (docs/replication.md, "Tier caches in the index"): the cloud tier,
 * a regional cache under it and two edges of one site under the regional cache, a fake origin and a
 * real three-member index, all in this JVM. The tier caches report what they hold as edges do, and
 * stay parents: an edge's peer choice never names them, and its miss of a title only they hold goes
 * up the chain, not to them as a peer.
 */
class TierHoldingsTest {
  private static final Duration GENEROUS = Duration.ofSeconds(30);

  @TempDir static Path dir;
  private static IndexCluster index;
  private static IndexClient client;
  private static FakeOrigin origin;
  private static final List<EdgeServer> started = new java.util.ArrayList<>();
  private static EdgeServer cloud;
  private static EdgeServer regional;
  private static EdgeServer e1;
  private static EdgeServer e2;

  @BeforeAll
  static void start() {
    index = IndexCluster.start(dir, 3);
    client = index.client();
    origin = new FakeOrigin();
    for (String title : List.of("tiered", "cloudonly"))
      for (int i = 1; i <= 2; i++)
        origin.put(title, "v/seg_0000" + i + ".m4s", EdgeFixture.random(100_000, i));
    cloud = cache("cloud-tier-1", "cloud-1", Map.of("edge.tier", "cloud"));
    regional =
        cache(
            "regional-1",
            "regional-north",
            parents("regional", "cloud-tier-1=" + cloud.controlUrl()));
    int[] ports = FreePorts.many(2);
    String sitePeers = "e1=https://127.0.0.1:" + ports[0] + ",e2=https://127.0.0.1:" + ports[1];
    e1 = edge("e1", ports[0], sitePeers);
    e2 = edge("e2", ports[1], sitePeers);
  }

  private static EdgeServer edge(String name, int controlPort, String sitePeers) {
    Map<String, String> values =
        new HashMap<>(parents("edge", "regional-1=" + regional.controlUrl()));
    values.put("edge.site-peers", sitePeers);
    values.put("edge.control-port", Integer.toString(controlPort));
    return cache(name, "site-a", values);
  }

  private static Map<String, String> parents(String tier, String primary) {
    return Map.of(
        "edge.tier",
        tier,
        "edge.parents.primary",
        primary,
        // on a busy test machine a TLS connection to a live parent can take longer than 1 s
        "edge.parents.connect-timeout",
        "20s",
        "edge.parents.head-timeout",
        "20s");
  }

  private static EdgeServer cache(String name, String site, Map<String, String> more) {
    Map<String, String> values = new HashMap<>(more);
    values.put("edge.name", name);
    values.put("edge.site", site);
    values.put("edge.access-log.enabled", "false");
    values.put("edge.index.peers", index.peerSpec());
    values.put("edge.index.report-interval", "100ms");
    values.put("edge.anti-entropy.interval", "500ms");
    EdgeServer server = EdgeFixture.edge(origin.target(), dir.resolve(name), values);
    started.add(server);
    return server;
  }

  @AfterAll
  static void stop() {
    started.reversed().forEach(EdgeServer::close);
    if (client != null) client.close();
    if (index != null) index.close();
    if (origin != null) origin.close();
  }

  @Test
  void theTierCachesReportWhatTheyHold_andTheIndexNamesThemBesideTheEdge() {
    HttpResponse<byte[]> miss = EdgeFixture.get(e1, "/videos/tiered/v/seg_00001.m4s");
    assertThat(miss.headers().firstValue("X-Cache"))
        .contains("MISS, MISS from regional-1, MISS from cloud-tier-1");

    Await.until(
        GENEROUS,
        "the index to name e1, regional-1 and cloud-tier-1 as holders of 'tiered'",
        () ->
            client
                .holders("tiered")
                .holders()
                .containsAll(List.of("e1", "regional-1", "cloud-tier-1")));
    assertThat(replication(cloud)).as("no peer replication in a tier cache").isNull();
    assertThat(replication(regional)).isNull();

    // A real site peer still wins over the tiers: e2's miss of 'tiered' is e1's copy.
    Await.until(
        GENEROUS,
        "e2's site view to name e1 as the holder of 'tiered'",
        () -> replication(e2).holder("tiered").map(Peer::name).orElse("").equals("e1"));
    assertThat(
            EdgeFixture.get(e2, "/videos/tiered/v/seg_00001.m4s").headers().firstValue("X-Cache"))
        .contains("PEER");
    assertThat(origin.fetches("tiered", "v/seg_00001.m4s")).isEqualTo(1);
  }

  @Test
  void aTitleOnlyTheTiersHold_isFilledFromTheParent_neverFromThemAsPeers() {
    // an overflowed viewer at the cloud tier's viewer listener: only the cloud tier holds these
    for (int i = 1; i <= 2; i++)
      assertThat(EdgeFixture.get(cloud, "/videos/cloudonly/v/seg_0000" + i + ".m4s").statusCode())
          .isEqualTo(200);
    Await.until(
        GENEROUS,
        "the index to name cloud-tier-1 as the holder of 'cloudonly'",
        () -> client.holders("cloudonly").holders().equals(List.of("cloud-tier-1")));

    HttpResponse<byte[]> first = EdgeFixture.get(e2, "/videos/cloudonly/v/seg_00001.m4s");
    assertThat(first.headers().firstValue("X-Cache"))
        .contains("MISS, MISS from regional-1, HIT from cloud-tier-1");
    // e2 asked for the title: its next site-view reads carry the index's holders of it, the tiers
    Await.until(
        GENEROUS,
        "e2's site view to carry 'cloudonly' held by regional-1 and cloud-tier-1",
        () ->
            replication(e2)
                .indexLink()
                .holding("cloudonly")
                .map(h -> h.holders().containsAll(List.of("regional-1", "cloud-tier-1")))
                .orElse(false));
    assertThat(replication(e2).holder("cloudonly"))
        .as("the index names the tier caches as holders, but they are not site peers")
        .isEmpty();
    HttpResponse<byte[]> second = EdgeFixture.get(e2, "/videos/cloudonly/v/seg_00002.m4s");
    assertThat(second.headers().firstValue("X-Cache"))
        .contains("MISS, MISS from regional-1, HIT from cloud-tier-1");
    assertThat(origin.fetches("cloudonly", "v/seg_00001.m4s")).isEqualTo(1);
    assertThat(origin.fetches("cloudonly", "v/seg_00002.m4s")).isEqualTo(1);
  }
}
