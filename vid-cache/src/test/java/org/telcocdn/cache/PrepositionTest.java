package org.telcocdn.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.telcocdn.cache.EdgeFixture.get;
import static org.telcocdn.cache.EdgeFixture.random;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.common.json.Json;
import org.telcocdn.testkit.Await;

/**
 * Preposition jobs on a real edge against a fake gRPC origin that counts fetches: every object of
 * the title once, then hits; a cancel stops fetching; a push over the disk budget is refused with
 * its reason.
 */
class PrepositionTest {
  private static final int SEGMENTS = 6;
  private static final int SEGMENT_BYTES = 50_000;
  @TempDir Path cacheDir;

  private static List<String> paths() {
    List<String> paths =
        new ArrayList<>(List.of("master.m3u8", "360p/playlist.m3u8", "360p/init.mp4"));
    for (int i = 1; i <= SEGMENTS; i++) paths.add(String.format("360p/seg_%05d.m4s", i));
    return paths;
  }

  private static FakeOrigin origin() {
    FakeOrigin origin = new FakeOrigin();
    int seed = 0;
    for (String path : paths())
      origin.put("v1", path, random(path.endsWith(".m4s") ? SEGMENT_BYTES : 500, seed++));
    return origin;
  }

  private static String push(String job) {
    return "{\"job\":\""
        + job
        + "\",\"videoId\":\"v1\",\"paths\":[],\"rate\":0,\"priority\":0,\"deadline\":0}";
  }

  @Test
  void everyObjectIsFetchedOnceAndViewersThenHit() throws Exception {
    try (FakeOrigin origin = origin()) {
      EdgeServer edge = EdgeFixture.edge(origin.target(), cacheDir, Map.of());
      try {
        HttpResponse<byte[]> accepted =
            EdgeFixture.post(edge, "/internal/preposition", push("t1.v1"));
        assertThat(accepted.statusCode()).as(new String(accepted.body())).isEqualTo(202);
        JsonNode done = awaitState(edge, "t1.v1", "done");
        assertThat(done.path("objects").asInt()).isEqualTo(paths().size());
        assertThat(done.path("objectsDone").asInt()).isEqualTo(paths().size());
        assertThat(done.path("bytesDone").asLong())
            .isEqualTo(done.path("bytes").asLong())
            .isPositive();
        assertThat(done.path("source").asText()).as("no parents: the origin").isEqualTo("origin");
        assertThat(done.path("sources").path("origin").asInt()).isEqualTo(paths().size());
        for (String path : paths()) {
          HttpResponse<byte[]> served = get(edge, "/videos/v1/" + path);
          assertThat(served.statusCode()).isEqualTo(200);
          assertThat(served.headers().firstValue("X-Cache")).as(path).contains("HIT");
          assertThat(origin.fetches("v1", path)).as(path).isEqualTo(1);
        }
        // Pushed again (a restarted controller, a second trigger): held objects are not fetched.
        assertThat(EdgeFixture.post(edge, "/internal/preposition", push("t2.v1")).statusCode())
            .isEqualTo(202);
        JsonNode again = awaitState(edge, "t2.v1", "done");
        assertThat(again.path("objectsDone").asInt()).isEqualTo(paths().size());
        assertThat(again.path("source").asText()).isEqualTo("held");
        assertThat(again.path("sources").path("held").asInt()).isEqualTo(paths().size());
        for (String path : paths()) assertThat(origin.fetches("v1", path)).as(path).isEqualTo(1);
      } finally {
        edge.close();
      }
    }
  }

  @Test
  void aCancelledJobStartsNoFetch() throws Exception {
    try (FakeOrigin origin = origin()) {
      // 60 KB/s: one 50 KB segment a little under every second.
      EdgeServer edge =
          EdgeFixture.edge(origin.target(), cacheDir, Map.of("edge.preposition.rate", "60000"));
      try {
        assertThat(EdgeFixture.post(edge, "/internal/preposition", push("t1.v1")).statusCode())
            .isEqualTo(202);
        Await.until(Duration.ofSeconds(20), "two segments filled", () -> fetched(origin) >= 5);
        HttpResponse<byte[]> cancelled =
            EdgeFixture.send(edge, "DELETE", "/internal/preposition/t1.v1");
        assertThat(cancelled.statusCode()).isEqualTo(200);
        int atCancel = fetched(origin);
        Thread.sleep(1000); // whatever was in flight at the cancel ends within this
        int settled = fetched(origin);
        Thread.sleep(2000);
        assertThat(fetched(origin)).as("no fetch starts after the cancel").isEqualTo(settled);
        assertThat(settled - atCancel).isLessThanOrEqualTo(2); // edge.preposition.concurrency
        assertThat(settled).isLessThan(paths().size());
        assertThat(status(edge, "t1.v1").path("state").asText()).isEqualTo("cancelled");
      } finally {
        edge.close();
      }
    }
  }

  @Test
  void aPushOverTheDiskBudgetIsRefusedSayingWhy() throws Exception {
    try (FakeOrigin origin = origin()) {
      // A budget of half of 400 KB for a title of about 300 KB.
      EdgeServer edge =
          EdgeFixture.edge(origin.target(), cacheDir, Map.of("edge.disk.max-bytes", "400000"));
      try {
        HttpResponse<byte[]> first = EdgeFixture.post(edge, "/internal/preposition", push("t1.v1"));
        if (first.statusCode() == 202) awaitState(edge, "t1.v1", "refused");
        else assertThat(first.statusCode()).isEqualTo(409);
        HttpResponse<byte[]> second =
            EdgeFixture.post(edge, "/internal/preposition", push("t2.v1"));
        assertThat(second.statusCode()).isEqualTo(409);
        JsonNode error = Json.MAPPER.readTree(second.body());
        assertThat(error.path("error").asText()).isEqualTo("no_room");
        assertThat(error.path("message").asText())
            .contains("needs")
            .contains("budget is 200000 bytes");
        assertThat(fetched(origin)).isZero();
      } finally {
        edge.close();
      }
    }
  }

  @Test
  void badPushesAre400s() throws Exception {
    try (FakeOrigin origin = origin()) {
      EdgeServer edge = EdgeFixture.edge(origin.target(), cacheDir, Map.of());
      try {
        assertThat(
                EdgeFixture.post(
                        edge, "/internal/preposition", "{\"job\":\"../x\",\"videoId\":\"v1\"}")
                    .statusCode())
            .isEqualTo(400);
        assertThat(
                EdgeFixture.post(
                        edge,
                        "/internal/preposition",
                        "{\"job\":\"a\",\"videoId\":\"v1\",\"paths\":[\"../../etc\"]}")
                    .statusCode())
            .isEqualTo(400);
        assertThat(EdgeFixture.post(edge, "/internal/preposition", "[]").statusCode())
            .isEqualTo(400);
        assertThat(get(edge, "/internal/preposition/nope").statusCode()).isEqualTo(404);
      } finally {
        edge.close();
      }
    }
  }

  private static int fetched(FakeOrigin origin) {
    return paths().stream().mapToInt(p -> origin.fetches("v1", p)).sum();
  }

  private static JsonNode awaitState(EdgeServer edge, String job, String state) {
    Await.until(
        Duration.ofSeconds(30),
        job + " " + state,
        () -> status(edge, job).path("state").asText().equals(state));
    return status(edge, job);
  }

  private static JsonNode status(EdgeServer edge, String job) {
    try {
      return Json.MAPPER.readTree(
          EdgeFixture.controlGet(edge, "/internal/preposition/" + job).body());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
