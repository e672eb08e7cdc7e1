package org.telcocdn.cache.tier;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.cache.EdgeFixture;
import org.telcocdn.cache.EdgeServer;
import org.telcocdn.cache.FakeOrigin;
import org.telcocdn.common.json.Json;
import org.telcocdn.testkit.Await;

/**
 * The cloud tier (docs/continuum.md, "The cloud tier"): a vid-cache with {@code edge.tier=cloud}
 * next to the origin, the parent of a regional cache and of an edge with no regional parent, all
 * real servers on port 0 with their certificates. Prepositioning a title to two sites at once costs
 * the origin one fetch per object in all, not one per site.
 */
class CloudTierTest {
  private static final int SEGMENTS = 8;
  private static final Duration GENEROUS = Duration.ofSeconds(60);

  @TempDir Path dir;
  private FakeOrigin origin;
  private EdgeServer cloud;
  private EdgeServer regional;
  private EdgeServer edgeA;
  private EdgeServer edgeC;
  private TierCaches caches;

  private static List<String> paths() {
    List<String> paths =
        new ArrayList<>(List.of("master.m3u8", "360p/playlist.m3u8", "360p/init.mp4"));
    for (int i = 1; i <= SEGMENTS; i++) paths.add(String.format("360p/seg_%05d.m4s", i));
    return paths;
  }

  @BeforeEach
  void start() {
    origin = new FakeOrigin();
    caches = new TierCaches(origin.target(), dir);
    int seed = 0;
    for (String path : paths())
      origin.put("v1", path, EdgeFixture.random(path.endsWith(".m4s") ? 120_000 : 400, seed++));
    cloud = started("cloud-tier-1", "cloud-1", Map.of("edge.tier", "cloud"));
    String cloudParent = "cloud-tier-1=" + cloud.controlUrl();
    regional = started("regional-1", "regional-north", child("regional", cloudParent));
    // edge-a under the regional tier; edge-c's site has no regional parent: the cloud is its parent
    edgeA = started("edge-1", "edge-a", child("edge", "regional-1=" + regional.controlUrl()));
    edgeC = started("edge-3", "edge-c", child("edge", cloudParent));
  }

  @AfterEach
  void stop() {
    caches.close();
    origin.close();
  }

  @Test
  void twoSitesPrepositioned_theOriginSendsEachObjectOnce() {
    HttpResponse<byte[]> pushed = push(edgeA, "t1.v1.edge-a");
    assertThat(pushed.statusCode()).isEqualTo(202);
    assertThat(new String(pushed.body()))
        .as("planned, before any object")
        .contains("\"source\":\"parents\"");
    assertThat(push(edgeC, "t1.v1.edge-c").statusCode()).isEqualTo(202);

    JsonNode a = awaitDone(edgeA, "t1.v1.edge-a");
    JsonNode c = awaitDone(edgeC, "t1.v1.edge-c");

    assertThat(a.path("objectsDone").asInt()).isEqualTo(paths().size());
    assertThat(c.path("objectsDone").asInt()).isEqualTo(paths().size());
    // the units say which parent sent the bytes, not "origin"
    assertThat(a.path("source").asText()).isEqualTo("parent:regional-1");
    assertThat(a.path("sources").path("parent:regional-1").asInt()).isEqualTo(paths().size());
    assertThat(c.path("source").asText()).isEqualTo("parent:cloud-tier-1");
    assertThat(c.path("sources").path("parent:cloud-tier-1").asInt()).isEqualTo(paths().size());
    // and how many bytes it sent: every object's, so the job's bytes done (the controller's tiers)
    assertThat(a.path("sourceBytes").path("parent:regional-1").asLong())
        .isPositive()
        .isEqualTo(a.path("bytesDone").asLong());
    assertThat(c.path("sourceBytes").path("parent:cloud-tier-1").asLong())
        .isEqualTo(c.path("bytesDone").asLong());
    for (String path : paths()) assertThat(origin.fetches("v1", path)).as(path).isEqualTo(1);
    assertThat(paths().stream().mapToInt(p -> origin.fetches("v1", p)).sum())
        .as("origin fetches == objects, for two sites")
        .isEqualTo(paths().size());
    // each site's copy crossed its own uplink once, from its parent
    assertThat(parents(edgeA).fills("regional-1")).isEqualTo(paths().size());
    assertThat(parents(edgeC).fills("cloud-tier-1")).isEqualTo(paths().size());
    assertThat(parents(regional).fills("cloud-tier-1")).isEqualTo(paths().size());
    for (String path : paths()) {
      HttpResponse<byte[]> served = EdgeFixture.get(edgeA, "/videos/v1/" + path);
      assertThat(served.headers().firstValue("X-Cache")).as(path).contains("HIT");
    }
  }

  @Test
  void aViewerMissAtAnEdgeNamesEveryTier_andTheCloudServesViewersToo() {
    HttpResponse<byte[]> miss = EdgeFixture.get(edgeA, "/videos/v1/360p/seg_00001.m4s");
    HttpResponse<byte[]> atCloud = EdgeFixture.get(cloud, "/videos/v1/360p/seg_00001.m4s");

    assertThat(miss.statusCode()).isEqualTo(200);
    assertThat(miss.headers().firstValue("X-Cache"))
        .contains("MISS, MISS from regional-1, MISS from cloud-tier-1");
    // an overflowed viewer (the broker's overflow-cloud) is served at the cloud's viewer listener
    assertThat(atCloud.statusCode()).isEqualTo(200);
    assertThat(atCloud.headers().firstValue("X-Cache")).contains("HIT");
    assertThat(atCloud.headers().firstValue("X-Served-By")).contains("cloud-tier-1");
    assertThat(origin.fetches("v1", "360p/seg_00001.m4s")).isEqualTo(1);
  }

  private static Map<String, String> child(String tier, String parents) {
    return Map.of(
        "edge.tier",
        tier,
        "edge.parents.primary",
        parents,
        // on a busy test machine a TLS connection to a live parent can take longer than 1 s
        "edge.parents.connect-timeout",
        "20s",
        "edge.parents.head-timeout",
        "20s");
  }

  private EdgeServer started(String name, String site, Map<String, String> more) {
    return caches.start(name, site, more);
  }

  private static HttpResponse<byte[]> push(EdgeServer edge, String job) {
    return EdgeFixture.post(
        edge,
        "/internal/preposition",
        "{\"job\":\"" + job + "\",\"videoId\":\"v1\",\"paths\":[],\"rate\":0,\"priority\":0}");
  }

  private static JsonNode awaitDone(EdgeServer edge, String job) {
    Await.until(
        GENEROUS, job + " done", () -> status(edge, job).path("state").asText().equals("done"));
    return status(edge, job);
  }

  private static JsonNode status(EdgeServer edge, String job) {
    try {
      return Json.MAPPER.readTree(
          EdgeFixture.controlGet(edge, "/internal/preposition/" + job).body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ParentMetrics parents(EdgeServer edge) {
    return new ParentMetrics(EdgeFixture.metrics(edge).registry());
  }
}
