package org.telcocdn.cache.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.telcocdn.cache.EdgeFixture.disk;
import static org.telcocdn.cache.EdgeFixture.fillsRunning;
import static org.telcocdn.cache.EdgeFixture.get;
import static org.telcocdn.cache.EdgeFixture.random;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.cache.EdgeFixture;
import org.telcocdn.cache.EdgeServer;
import org.telcocdn.cache.FakeOrigin;
import org.telcocdn.testkit.Await;

class AllocationTest {
  private static final byte[] SEGMENT = random(200_000, 7);
  private static final String ALLOCATION =
      """
      {"generation": 5, "edge": "edge-test", "capacityBytes": 1000000, "whole": ["w"],
       "prefix": {"segments": 2, "videoIds": ["p"]}, "elsewhere": ["x"]}""";

  @TempDir Path cacheDir;
  private FakeOrigin origin;
  private EdgeServer edge;

  @BeforeEach
  void start() {
    origin = new FakeOrigin();
    for (String id : new String[] {"w", "p", "x", "u"}) {
      origin.put(id, "v/seg_00001.m4s", SEGMENT).put(id, "v/seg_00003.m4s", SEGMENT);
    }
    edge = EdgeFixture.edge(origin.target(), cacheDir, Map.of("edge.cache.policy", "lru"));
  }

  @AfterEach
  void stop() {
    edge.close();
    origin.close();
  }

  @Test
  void decide_followsTheThreeListsAndLeavesTheRestToThePolicy() {
    Allocation a = new Allocation(1, "e", 0, Set.of("w"), 2, Set.of("p"), Set.of("x"));
    assertThat(a.decide(new CacheKey("w", "v/seg_00009.m4s"))).isEqualTo(Allocation.Decision.WHOLE);
    // a prefix of 2 segments: the first two files (vid-raw numbers them from 1) are stored, the
    // third is not
    assertThat(a.decide(new CacheKey("p", "v/seg_00001.m4s")))
        .isEqualTo(Allocation.Decision.PREFIX_STORED);
    assertThat(a.decide(new CacheKey("p", "v/seg_00002.m4s")))
        .isEqualTo(Allocation.Decision.PREFIX_STORED);
    assertThat(a.decide(new CacheKey("p", "v/seg_00003.m4s")))
        .isEqualTo(Allocation.Decision.PREFIX_STREAMED);
    assertThat(a.decide(new CacheKey("p", "v/playlist.m3u8")))
        .isEqualTo(Allocation.Decision.PREFIX_STORED);
    assertThat(a.decide(new CacheKey("x", "v/seg_00001.m4s")))
        .isEqualTo(Allocation.Decision.ELSEWHERE);
    assertThat(a.decide(new CacheKey("u", "v/seg_00001.m4s")))
        .isEqualTo(Allocation.Decision.UNLISTED);
  }

  @Test
  void anEdgeStoresOnlyWhatItsAllocationLeavesToIt_andServesTheRestThrough() {
    assertThat(EdgeFixture.post(edge, "/internal/allocation", ALLOCATION).statusCode())
        .isEqualTo(200);

    for (String id : new String[] {"w", "p", "x", "u"}) {
      for (String path : new String[] {"v/seg_00001.m4s", "v/seg_00003.m4s"}) {
        assertThat(get(edge, "/videos/" + id + "/" + path).body()).isEqualTo(SEGMENT);
      }
    }
    Await.until(java.time.Duration.ofSeconds(10), "fills to commit", () -> fillsRunning(edge) == 0);
    assertThat(stored("w", "v/seg_00001.m4s")).isTrue();
    assertThat(stored("w", "v/seg_00003.m4s")).isTrue();
    assertThat(stored("p", "v/seg_00001.m4s")).isTrue();
    assertThat(stored("p", "v/seg_00003.m4s")).isFalse();
    assertThat(stored("x", "v/seg_00001.m4s")).isFalse();
    assertThat(stored("u", "v/seg_00001.m4s")).isTrue();
    assertThat(get(edge, "/videos/x/v/seg_00001.m4s").headers().firstValue("X-Cache"))
        .contains("MISS");
  }

  @Test
  void anOlderGeneration_isRefused_andTheCurrentOneIsReadBack() {
    assertThat(get(edge, "/internal/allocation").statusCode()).isEqualTo(404);
    EdgeFixture.post(edge, "/internal/allocation", ALLOCATION);

    var older =
        EdgeFixture.post(
            edge,
            "/internal/allocation",
            ALLOCATION.replace("\"generation\": 5", "\"generation\": 4"));
    var current = get(edge, "/internal/allocation");

    assertThat(older.statusCode()).isEqualTo(409);
    assertThat(current.statusCode()).isEqualTo(200);
    assertThat(new String(current.body(), StandardCharsets.UTF_8))
        .contains("\"generation\":5")
        .contains("\"elsewhere\":[\"x\"]");
    assertThat(
            EdgeFixture.post(edge, "/internal/allocation", "{\"generation\":6,\"edge\":\"other\"}")
                .statusCode())
        .isEqualTo(400);
    assertThat(
            EdgeFixture.post(
                    edge,
                    "/internal/allocation",
                    "{\"generation\":6,\"edge\":\"edge-test\",\"whole\":[\"../x\"]}")
                .statusCode())
        .isEqualTo(400);
  }

  private boolean stored(String id, String path) {
    return disk(edge).meta(new CacheKey(id, path)).isPresent();
  }
}
