package org.telcocdn.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.telcocdn.cache.EdgeFixture.get;
import static org.telcocdn.cache.EdgeFixture.random;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
import org.telcocdn.cache.metrics.CacheOutcome;
import org.telcocdn.common.json.Json;
import org.telcocdn.testkit.Await;

class EdgeServerTest {
  private static final byte[] SEGMENT = random(300_000, 1);
  private static final byte[] PLAYLIST =
      "#EXTM3U\n#EXT-X-VERSION:7\n".getBytes(StandardCharsets.UTF_8);

  @TempDir Path cacheDir;
  private FakeOrigin origin;
  private EdgeServer edge;

  @BeforeEach
  void start() {
    origin =
        new FakeOrigin()
            .put("v1", "720p/seg_00001.m4s", SEGMENT)
            .put("v1", "720p/playlist.m3u8", PLAYLIST);
    edge = EdgeFixture.edge(origin.target(), cacheDir, Map.of());
  }

  @AfterEach
  void stop() {
    edge.close();
    origin.close();
  }

  @Test
  void missThenHit_sameBytesAndHeaders() {
    HttpResponse<byte[]> miss = get(edge, "/videos/v1/720p/seg_00001.m4s");
    HttpResponse<byte[]> hit = get(edge, "/videos/v1/720p/seg_00001.m4s");

    assertThat(miss.statusCode()).isEqualTo(200);
    assertThat(miss.headers().firstValue("X-Cache")).contains("MISS");
    assertThat(hit.headers().firstValue("X-Cache")).contains("HIT");
    assertThat(miss.body()).isEqualTo(SEGMENT);
    assertThat(hit.body()).isEqualTo(SEGMENT);
    for (HttpResponse<byte[]> r : List.of(miss, hit)) {
      assertThat(r.headers().firstValue("X-Served-By")).contains("edge-test");
      assertThat(r.headers().firstValue("ETag")).contains(FakeOrigin.etag(SEGMENT));
      assertThat(r.headers().firstValue("Last-Modified")).isPresent();
      assertThat(r.headers().firstValue("Accept-Ranges")).contains("bytes");
      assertThat(r.headers().firstValue("Cache-Control"))
          .contains("public, max-age=31536000, immutable");
      assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
      // the player page's Resource Timing sees the segment's time to first byte
      assertThat(r.headers().firstValue("Timing-Allow-Origin")).contains("*");
      assertThat(r.headers().firstValue("Content-Length")).contains(String.valueOf(SEGMENT.length));
    }
    assertThat(origin.fetches("v1", "720p/seg_00001.m4s")).isEqualTo(1);
  }

  @Test
  void playlist_shortCacheControl_andServedFromMemory() {
    get(edge, "/videos/v1/720p/playlist.m3u8");
    HttpResponse<byte[]> hit = get(edge, "/videos/v1/720p/playlist.m3u8");

    assertThat(hit.body()).isEqualTo(PLAYLIST);
    assertThat(hit.headers().firstValue("Cache-Control")).contains("public, max-age=2");
    assertThat(edge.metrics().count(CacheOutcome.HIT_MEMORY)).isEqualTo(1.0);
  }

  @Test
  void concurrentMisses_oneOriginFetch_identicalBodies() {
    byte[] big = random(4 << 20, 2);
    origin.put("v2", "1080p/seg_00001.m4s", big);
    origin.holdBackLastChunk();
    List<CompletableFuture<HttpResponse<byte[]>>> responses = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(edge.url() + "/videos/v2/1080p/seg_00001.m4s"))
              .timeout(Duration.ofSeconds(30))
              .build();
      responses.add(EdgeFixture.HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()));
    }
    Await.until(
        Duration.ofSeconds(20),
        "100 clients subscribed",
        () ->
            edge.metrics().count(CacheOutcome.MISS) + edge.metrics().count(CacheOutcome.COALESCED)
                == 100);
    origin.release();

    for (CompletableFuture<HttpResponse<byte[]>> response : responses) {
      assertThat(response.join().statusCode()).isEqualTo(200);
      assertThat(response.join().body()).isEqualTo(big);
    }
    assertThat(origin.fetches("v2", "1080p/seg_00001.m4s")).isEqualTo(1);
    assertThat(edge.metrics().count(CacheOutcome.MISS)).isEqualTo(1.0);
  }

  @Test
  void streamThrough_firstBytesBeforeOriginFinishes() throws Exception {
    origin.holdBackLastChunk();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(edge.url() + "/videos/v1/720p/seg_00001.m4s")).build();
    HttpResponse<InputStream> response =
        EdgeFixture.HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream body = response.body()) {
      byte[] first = body.readNBytes(FakeOrigin.CHUNK);
      assertThat(origin.completed()).isZero();
      assertThat(first).isEqualTo(java.util.Arrays.copyOf(SEGMENT, FakeOrigin.CHUNK));
      origin.release();
      byte[] rest = body.readAllBytes();
      assertThat(first.length + rest.length).isEqualTo(SEGMENT.length);
    }
  }

  @Test
  void range_onMissAndHit() {
    HttpResponse<byte[]> onMiss =
        get(edge, "/videos/v1/720p/seg_00001.m4s", "Range", "bytes=100-199");
    HttpResponse<byte[]> onHit =
        get(edge, "/videos/v1/720p/seg_00001.m4s", "Range", "bytes=100-199");
    HttpResponse<byte[]> suffix = get(edge, "/videos/v1/720p/seg_00001.m4s", "Range", "bytes=-10");

    for (HttpResponse<byte[]> r : List.of(onMiss, onHit)) {
      assertThat(r.statusCode()).isEqualTo(206);
      assertThat(r.headers().firstValue("Content-Range"))
          .contains("bytes 100-199/" + SEGMENT.length);
      assertThat(r.body()).isEqualTo(java.util.Arrays.copyOfRange(SEGMENT, 100, 200));
    }
    assertThat(suffix.body())
        .isEqualTo(java.util.Arrays.copyOfRange(SEGMENT, SEGMENT.length - 10, SEGMENT.length));
  }

  @Test
  void range_unsatisfiable416_malformedAndMultiGiveWholeObject() {
    HttpResponse<byte[]> unsatisfiable =
        get(edge, "/videos/v1/720p/seg_00001.m4s", "Range", "bytes=999999-");
    HttpResponse<byte[]> malformed =
        get(edge, "/videos/v1/720p/seg_00001.m4s", "Range", "bytes=abc");
    HttpResponse<byte[]> multi =
        get(edge, "/videos/v1/720p/seg_00001.m4s", "Range", "bytes=0-1,5-9");

    assertThat(unsatisfiable.statusCode()).isEqualTo(416);
    assertThat(unsatisfiable.headers().firstValue("Content-Range"))
        .contains("bytes */" + SEGMENT.length);
    assertThat(malformed.statusCode()).isEqualTo(200);
    assertThat(malformed.body()).isEqualTo(SEGMENT);
    assertThat(multi.statusCode()).isEqualTo(200);
    assertThat(multi.body()).isEqualTo(SEGMENT);
  }

  @Test
  void head_headersWithoutBody_onMissAndHit() {
    for (int i = 0; i < 2; i++) {
      HttpResponse<byte[]> head = EdgeFixture.send(edge, "HEAD", "/videos/v1/720p/seg_00001.m4s");
      assertThat(head.statusCode()).isEqualTo(200);
      assertThat(head.headers().firstValue("Content-Length"))
          .contains(String.valueOf(SEGMENT.length));
      assertThat(head.body()).isEmpty();
    }
    assertThat(get(edge, "/videos/v1/720p/seg_00001.m4s").body()).isEqualTo(SEGMENT);
  }

  @Test
  void ifNoneMatch_304() {
    HttpResponse<byte[]> response =
        get(edge, "/videos/v1/720p/seg_00001.m4s", "If-None-Match", FakeOrigin.etag(SEGMENT));

    assertThat(response.statusCode()).isEqualTo(304);
    assertThat(response.body()).isEmpty();
    assertThat(response.headers().firstValue("ETag")).contains(FakeOrigin.etag(SEGMENT));
  }

  @Test
  void traversal_400Json() {
    for (String path :
        List.of(
            "/videos/v1/%2e%2e/%2e%2e/etc/passwd",
            "/videos/v1/720p%2f..%2fx",
            "/videos/v1/../../x",
            "/videos/..%2F/x",
            "/videos/BAD_ID/x")) {
      HttpResponse<byte[]> response = get(edge, path);
      assertThat(response.statusCode()).as(path).isEqualTo(400);
      assertThat(new String(response.body(), StandardCharsets.UTF_8))
          .contains("\"error\":\"bad_request\"");
      assertThat(response.headers().firstValue("X-Served-By")).contains("edge-test");
    }
    assertThat(origin.fetches("v1", "../../x")).isZero();
  }

  @Test
  void unknownObject_404Json() {
    HttpResponse<byte[]> response = get(edge, "/videos/v1/720p/seg_09999.m4s");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(new String(response.body(), StandardCharsets.UTF_8))
        .contains("\"error\":\"not_found\"");
    assertThat(response.headers().firstValue("X-Served-By")).contains("edge-test");
    assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
  }

  @Test
  void originDown_502Json(@TempDir Path otherDir) {
    EdgeServer orphan =
        EdgeFixture.edge("127.0.0.1:1", otherDir, Map.of("edge.name", "edge-orphan"));
    try {
      HttpResponse<byte[]> response = get(orphan, "/videos/v1/720p/seg_00001.m4s");
      assertThat(response.statusCode()).isEqualTo(502);
      assertThat(new String(response.body(), StandardCharsets.UTF_8))
          .contains("\"error\":\"bad_gateway\"");
      assertThat(response.headers().firstValue("X-Served-By")).contains("edge-orphan");
    } finally {
      orphan.close();
    }
  }

  @Test
  void invalidate_removesTheVideosObjects() {
    get(edge, "/videos/v1/720p/seg_00001.m4s");
    get(edge, "/videos/v1/720p/playlist.m3u8");

    HttpResponse<byte[]> response =
        EdgeFixture.post(edge, "/internal/invalidate", "{\"videoId\":\"v1\"}");
    HttpResponse<byte[]> after = get(edge, "/videos/v1/720p/seg_00001.m4s");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(new String(response.body(), StandardCharsets.UTF_8))
        .isEqualTo("{\"removedObjects\":2}");
    assertThat(after.headers().firstValue("X-Cache")).contains("MISS");
    assertThat(origin.fetches("v1", "720p/seg_00001.m4s")).isEqualTo(2);
    assertThat(EdgeFixture.post(edge, "/internal/invalidate", "{}").statusCode()).isEqualTo(400);
  }

  @Test
  void routes_wrongMethod405WithAllow_headOfHealth_andTheHealthBody() throws IOException {
    HttpResponse<byte[]> postObject =
        EdgeFixture.send(edge, "POST", "/videos/v1/720p/seg_00001.m4s");
    HttpResponse<byte[]> getInvalidate = get(edge, "/internal/invalidate");
    HttpResponse<byte[]> health = EdgeFixture.controlGet(edge, "/health");
    HttpResponse<byte[]> viewerHealth = get(edge, "/health");
    HttpResponse<byte[]> headHealth = EdgeFixture.send(edge, "HEAD", "/health");

    assertThat(postObject.statusCode()).isEqualTo(405);
    assertThat(postObject.headers().firstValue("Allow")).contains("GET");
    assertThat(new String(postObject.body(), StandardCharsets.UTF_8))
        .contains("\"error\":\"method_not_allowed\"");
    assertThat(postObject.headers().firstValue("X-Served-By")).contains("edge-test");
    assertThat(getInvalidate.statusCode()).isEqualTo(405);
    assertThat(getInvalidate.headers().firstValue("Allow")).contains("POST");
    JsonNode body = Json.MAPPER.readTree(health.body());
    assertThat(body.path("status").asText()).isEqualTo("UP");
    assertThat(body.path("service").asText()).isEqualTo("vid-cache");
    assertThat(body.path("details").path("draining").asBoolean(true)).isFalse();
    assertThat(body.path("details").path("diskUsedBytes").isNumber()).isTrue();
    assertThat(Json.MAPPER.readTree(viewerHealth.body()).path("details").isEmpty())
        .as("viewers get the status only")
        .isTrue();
    assertThat(headHealth.statusCode()).isEqualTo(200);
    assertThat(headHealth.body()).isEmpty();
    assertThat(origin.fetches("v1", "720p/seg_00001.m4s")).isZero();
  }

  @Test
  void operationalEndpoints() {
    get(edge, "/videos/v1/720p/seg_00001.m4s");

    assertThat(get(edge, "/health").statusCode()).isEqualTo(200);
    assertThat(new String(get(edge, "/metrics").body(), StandardCharsets.UTF_8))
        .contains("edge_requests_total");
    assertThat(new String(get(edge, "/internal/cache").body(), StandardCharsets.UTF_8))
        .contains("\"disk\"")
        .contains("\"memory\"");
    assertThat(get(edge, "/nowhere").statusCode()).isEqualTo(404);
  }

  @Test
  void controlRoutes_needCredentials_andAreNotOnTheViewerListener() throws Exception {
    HttpResponse<byte[]> anonymous =
        EdgeFixture.HTTP.send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(edge.url() + "/internal/invalidate"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"videoId\":\"v1\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(anonymous.statusCode()).as("the viewer listener has no such route").isEqualTo(404);
    HttpResponse<byte[]> broker =
        EdgeFixture.postAs(
            org.telcocdn.security.ServiceIdentity.of("vid-cache-broker", "broker"),
            edge,
            "/internal/invalidate",
            "{\"videoId\":\"v1\"}");
    assertThat(broker.statusCode()).isEqualTo(200);
    assertThat(broker.headers().firstValue("Access-Control-Allow-Origin"))
        .as("no CORS on control routes")
        .isEmpty();
    HttpResponse<byte[]> otherEdge =
        EdgeFixture.postAs(
            new org.telcocdn.security.ServiceIdentity("vid-cache", "site-a", "edge-9"),
            edge,
            "/internal/invalidate",
            "{\"videoId\":\"v1\"}");
    assertThat(otherEdge.statusCode()).as("an edge may not invalidate another").isEqualTo(403);
    HttpResponse<byte[]> peerOfAnotherSite = EdgeFixture.send(edge, "GET", "/internal/digest");
    assertThat(peerOfAnotherSite.statusCode())
        .as("digests are for site peers, not operators")
        .isEqualTo(403);
  }
}
