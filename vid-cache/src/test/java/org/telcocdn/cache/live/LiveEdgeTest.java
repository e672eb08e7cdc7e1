package org.telcocdn.cache.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.cache.EdgeFixture;
import org.telcocdn.cache.EdgeServer;
import org.telcocdn.cache.FakeOrigin;
import org.telcocdn.testkit.Await;

/**
 * The live edge against an origin that holds blocking reloads as vid-raw does: many players waiting
 * on one edge cost one upstream request per playlist update and one per part; bad directives are
 * refused; a hold that runs out is a 503 with Retry-After.
 */
class LiveEdgeTest {
  static final String CH = "live-0123456789ab";
  static final int PLAYERS = 200;

  @TempDir Path cache;
  FakeOrigin origin;
  EdgeServer edge;
  HttpClient http;

  @BeforeEach
  void start() {
    origin = new FakeOrigin();
    origin.publishLive(CH, "480p", 5, 2, 4);
    edge = EdgeFixture.edge(origin.target(), cache, Map.of());
    http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  }

  @AfterEach
  void stop() {
    edge.close();
    origin.close();
    http.close();
  }

  @Test
  void twoHundredBlockingReloadsCostOneUpstreamRequestPerPlaylistUpdate() {
    List<CompletableFuture<HttpResponse<String>>> players = new ArrayList<>();
    for (int i = 0; i < PLAYERS; i++)
      players.add(get("/480p/playlist.m3u8?_HLS_msn=5&_HLS_part=4"));
    // everyone waits on one upstream request, held at the origin
    Await.until(
        Duration.ofSeconds(10), "the edge's blocking request", () -> origin.livePlaylists() == 2);
    origin.publishLive(
        CH, "480p", 5, 3, 4); // an update nobody waits for: the edge asks for the next
    Await.until(
        Duration.ofSeconds(10), "the next blocking request", () -> origin.livePlaylists() == 3);
    assertThat(players).noneMatch(CompletableFuture::isDone);
    origin.publishLive(CH, "480p", 5, 4, 4);

    for (CompletableFuture<HttpResponse<String>> p : players) {
      HttpResponse<String> r = p.join();
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).contains("part_5_4.m4s");
      assertThat(r.headers().firstValue("Content-Type")).hasValue("application/vnd.apple.mpegurl");
      assertThat(r.headers().firstValue("Cache-Control")).hasValue("public, max-age=6");
    }
    // one plain request to learn where the track is, then one per update
    assertThat(origin.livePlaylists()).isEqualTo(3);
    // a player asking for what the edge has is answered from it
    assertThat(get("/480p/playlist.m3u8?_HLS_msn=5&_HLS_part=4").join().statusCode())
        .isEqualTo(200);
    assertThat(origin.livePlaylists()).isEqualTo(3);
  }

  @Test
  void deltaAndWholePlaylistsAreAnsweredApartFromOneUpstreamRequestPerUpdate() {
    List<CompletableFuture<HttpResponse<String>>> skip = new ArrayList<>();
    List<CompletableFuture<HttpResponse<String>>> whole = new ArrayList<>();
    for (int i = 0; i < PLAYERS / 2; i++) {
      skip.add(get("/480p/playlist.m3u8?_HLS_msn=5&_HLS_part=3&_HLS_skip=YES"));
      whole.add(get("/480p/playlist.m3u8?_HLS_msn=5&_HLS_part=3"));
    }
    Await.until(
        Duration.ofSeconds(10), "the edge's blocking request", () -> origin.livePlaylists() == 2);
    origin.publishLive(CH, "480p", 5, 3, 4);
    for (CompletableFuture<HttpResponse<String>> p : skip)
      assertThat(p.join().body())
          .contains("#EXT-X-SKIP:SKIPPED-SEGMENTS=4\n")
          .contains("part_5_3.m4s")
          .doesNotContain("RECENTLY-REMOVED-DATERANGES");
    for (CompletableFuture<HttpResponse<String>> p : whole)
      assertThat(p.join().body()).contains("part_5_3.m4s").doesNotContain("EXT-X-SKIP");
    assertThat(origin.livePlaylists()).isEqualTo(2);
    // the same state, asked for either way again, from the edge's copy: never the other's text
    assertThat(get("/480p/playlist.m3u8?_HLS_msn=5&_HLS_part=3").join().body())
        .doesNotContain("EXT-X-SKIP");
    assertThat(get("/480p/playlist.m3u8?_HLS_msn=5&_HLS_part=3&_HLS_skip=v2").join().body())
        .contains("#EXT-X-SKIP:SKIPPED-SEGMENTS=4,RECENTLY-REMOVED-DATERANGES=\"\"\n");
    assertThat(origin.livePlaylists()).isEqualTo(2);
    HttpResponse<String> bad = get("/480p/playlist.m3u8?_HLS_skip=NO").join();
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("\"error\":\"bad_request\"").contains("_HLS_skip");
  }

  @Test
  void twoHundredRequestsForTheHintedPartCostOneUpstreamFetch() {
    origin.holdMissing();
    List<CompletableFuture<HttpResponse<String>>> players = new ArrayList<>();
    for (int i = 0; i < PLAYERS; i++) players.add(get("/480p/part_5_3.m4s"));
    Await.until(
        Duration.ofSeconds(10),
        "the edge's fetch",
        () -> origin.fetches(CH, "480p/part_5_3.m4s") == 1);
    origin.put(CH, "480p/part_5_3.m4s", "moof-and-mdat".getBytes());
    for (CompletableFuture<HttpResponse<String>> p : players) {
      HttpResponse<String> r = p.join();
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).isEqualTo("moof-and-mdat");
      assertThat(r.headers().firstValue("Cache-Control"))
          .hasValue("public, max-age=31536000, immutable");
      // the part's availability at the origin, passed on for bench/live-load
      assertThat(r.headers().firstValue("X-Live-Available-At"))
          .hasValue(Long.toString(FakeOrigin.MODIFIED));
    }
    assertThat(origin.fetches(CH, "480p/part_5_3.m4s")).isEqualTo(1);
    assertThat(get("/480p/part_5_3.m4s").join().headers().firstValue("X-Cache")).hasValue("HIT");
  }

  @Test
  void badDirectivesAre400AndAnUnknownChannelIs404() {
    assertThat(get("/480p/playlist.m3u8?_HLS_part=1").join().statusCode()).isEqualTo(400);
    assertThat(get("/480p/playlist.m3u8?_HLS_msn=x").join().statusCode()).isEqualTo(400);
    assertThat(get("/480p/playlist.m3u8?_HLS_msn=5&_HLS_part=-1").join().statusCode())
        .isEqualTo(400);
    assertThat(get("/480p/playlist.m3u8?_HLS_msn=5&_HLS_msn=6").join().statusCode()).isEqualTo(400);
    assertThat(get("/480p/playlist.m3u8").join().statusCode()).isEqualTo(200); // learns the track
    HttpResponse<String> tooFar = get("/480p/playlist.m3u8?_HLS_msn=9").join();
    assertThat(tooFar.statusCode()).isEqualTo(400);
    assertThat(tooFar.body())
        .contains("\"error\":\"bad_request\"")
        .contains("more than two segments");
    HttpResponse<String> unknown =
        http.sendAsync(
                HttpRequest.newBuilder(
                        URI.create(edge.url() + "/videos/live-ffffffffffff/480p/playlist.m3u8"))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .join();
    assertThat(unknown.statusCode()).isEqualTo(404);
  }

  @Test
  void aHoldThatRunsOutIs503WithRetryAfterAndAPlainRequestIsNotCached() {
    origin.targetDurationMs(500); // holds of 1.5 s
    HttpResponse<String> plain = get("/480p/playlist.m3u8").join();
    assertThat(plain.statusCode()).isEqualTo(200);
    assertThat(plain.headers().firstValue("Cache-Control")).hasValue("no-cache");
    HttpResponse<String> held = get("/480p/playlist.m3u8?_HLS_msn=6&_HLS_part=0").join();
    assertThat(held.statusCode()).isEqualTo(503);
    assertThat(held.headers().firstValue("Retry-After")).hasValue("1");
  }

  private CompletableFuture<HttpResponse<String>> get(String path) {
    return http.sendAsync(
        HttpRequest.newBuilder(URI.create(edge.url() + "/videos/" + CH + path))
            .timeout(Duration.ofSeconds(30))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
