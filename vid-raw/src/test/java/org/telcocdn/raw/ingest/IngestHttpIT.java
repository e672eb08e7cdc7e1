package org.telcocdn.raw.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.common.json.Json;
import org.telcocdn.raw.OriginServer;
import org.telcocdn.raw.OriginTestConfigs;
import org.telcocdn.raw.media.LadderAssertions;
import org.telcocdn.raw.media.TestVideos;
import org.telcocdn.testkit.Await;

class IngestHttpIT {
  private static final long LIMIT = 2 << 20;

  @TempDir Path store;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private RecordingMetadata metadata;
  private OriginServer origin;

  @BeforeEach
  void start() {
    metadata = new RecordingMetadata();
    origin = OriginServer.start(OriginTestConfigs.config(store, metadata.url(), LIMIT, 64 << 10));
  }

  @AfterEach
  void stop() {
    origin.close();
    metadata.close();
  }

  @Test
  void ingest_videoIsTranscodedStoredAndRegistered() throws Exception {
    HttpResponse<String> response =
        post("/api/ingest?name=Ocean%20test&tag=demo&tag=sea", TestVideos.tiny());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    JsonNode video = Json.MAPPER.readTree(response.body());
    String id = video.path("id").asText();
    assertThat(id).matches("[0-9a-f]{12}");
    assertThat(video.path("name").asText()).isEqualTo("Ocean test");
    assertThat(video.path("tags")).extracting(JsonNode::asText).containsExactly("demo", "sea");
    assertThat(video.path("fileType").asText()).isEqualTo("mp4");
    assertThat(video.path("durationSeconds").asDouble()).isBetween(4.9, 5.1);
    assertThat(video.path("renditions"))
        .hasSize(3)
        .allSatisfy(
            r -> {
              assertThat(r.path("codecs").asText()).startsWith("avc1.").endsWith("mp4a.40.2");
              assertThat(r.path("bandwidth").asLong()).isPositive();
            });
    assertThat(metadata.registrations).hasSize(1);
    LadderAssertions.assertLadder(origin.store().videoDir(id));
    assertThat(origin.store().stagingRoot()).isEmptyDirectory();

    HttpResponse<String> master = get("/api/objects/" + id + "/master.m3u8");
    assertThat(master.statusCode()).isEqualTo(200);
    assertThat(master.headers().firstValue("Content-Type"))
        .hasValue("application/vnd.apple.mpegurl");
    assertThat(master.body()).startsWith("#EXTM3U");
    assertThat(get("/api/objects/" + id + "/9000p/playlist.m3u8").statusCode()).isEqualTo(404);
    assertThat(get("/api/objects/" + id + "/%2e%2e/%2e%2e/x").statusCode()).isEqualTo(400);
  }

  @Test
  void ingest_textIs422WithReasonAndNothingStored() throws Exception {
    Path text =
        Files.writeString(
            store.resolveSibling(store.getFileName() + "-notes.txt"), "hello, not a video\n");
    HttpResponse<String> response = post("/api/ingest?name=notes", text);

    assertThat(response.statusCode()).isEqualTo(422);
    JsonNode error = Json.MAPPER.readTree(response.body());
    assertThat(error.path("error").asText()).isEqualTo("not_a_video");
    assertThat(error.path("message").asText()).contains("Invalid data");
    assertNothingStored();
    assertThat(metadata.registrations).isEmpty();
  }

  @Test
  void ingest_withoutNameIs400() throws Exception {
    HttpResponse<String> response = post("/api/ingest?tag=x", TestVideos.tiny());
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Json.MAPPER.readTree(response.body()).path("error").asText())
        .isEqualTo("bad_request");
  }

  @Test
  void ingest_overTheLimitIs413() throws Exception {
    Path big = store.resolveSibling(store.getFileName() + "-big.bin");
    Files.write(big, new byte[(int) LIMIT + 1]);
    HttpResponse<String> response = post("/api/ingest?name=big", big);
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(Json.MAPPER.readTree(response.body()).path("error").asText())
        .isEqualTo("payload_too_large");
    assertNothingStored();
  }

  @Test
  void ingest_metadataFailureRemovesTheVideo() throws Exception {
    metadata.status = 500;
    HttpResponse<String> response = post("/api/ingest?name=orphan", TestVideos.tiny());

    assertThat(response.statusCode()).isEqualTo(502);
    assertThat(Json.MAPPER.readTree(response.body()).path("error").asText())
        .isEqualTo("metadata_failed");
    assertThat(metadata.registrations).hasSize(1);
    assertNothingStored();
  }

  @Test
  void ingest_metadataDownIs503() throws Exception {
    metadata.close();
    HttpResponse<String> response = post("/api/ingest?name=orphan", TestVideos.tiny());
    assertThat(response.statusCode()).isEqualTo(503);
    assertNothingStored();
    metadata = new RecordingMetadata();
  }

  @Test
  void ingest_beyondTheBacklogIs503WithRetryAfterAndItsUploadNeverStored() throws Exception {
    try (OriginServer one =
            OriginServer.start(
                OriginTestConfigs.config(
                    store.resolve("one"),
                    metadata.url(),
                    LIMIT,
                    64 << 10,
                    OriginTestConfigs.defaultTranscode(1, 0)));
        Socket uploading = new Socket("127.0.0.1", one.port())) {
      // an upload whose body is still arriving holds the only place
      uploading
          .getOutputStream()
          .write(
              ("POST /api/ingest?name=slow HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n0123")
                  .getBytes(StandardCharsets.US_ASCII));
      Await.until(
          Duration.ofSeconds(10),
          "the slow upload admitted",
          () ->
              Pattern.compile("origin_ingest_admitted\\{[^}]*} 1\\.0").matcher(scrape(one)).find());

      HttpResponse<String> refused =
          http.send(
              HttpRequest.newBuilder(URI.create(one.url() + "/api/ingest?name=second"))
                  .POST(HttpRequest.BodyPublishers.ofFile(TestVideos.tiny()))
                  .build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(refused.statusCode()).isEqualTo(503);
      assertThat(refused.headers().firstValue("Retry-After"))
          .hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isPositive());
      JsonNode error = Json.MAPPER.readTree(refused.body());
      assertThat(error.path("error").asText()).isEqualTo("ingest_busy");
      assertThat(error.path("message").asText()).contains("retry later");
      try (Stream<Path> uploads = Files.list(store.resolve("one").resolve("uploads"))) {
        assertThat(uploads.toList()).as("only the slow upload's part file").hasSize(1);
      }
      assertThat(scrape(one))
          .containsPattern("origin_ingests_total\\{[^}]*outcome=\"busy\"[^}]*} 1\\.0");
      assertThat(metadata.registrations).isEmpty();
    }
  }

  private String scrape(OriginServer server) {
    try {
      return http.send(
              HttpRequest.newBuilder(URI.create(server.url() + "/metrics")).GET().build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException("cannot read the origin's metrics", e);
    }
  }

  private void assertNothingStored() throws IOException {
    try (Stream<Path> videos = Files.list(store.resolve("videos"));
        Stream<Path> staged = Files.list(store.resolve("staging"))) {
      assertThat(videos.toList()).isEmpty();
      assertThat(staged.toList()).isEmpty();
    }
  }

  private HttpResponse<String> post(String path, Path body)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(origin.url() + path))
            .POST(HttpRequest.BodyPublishers.ofFile(body))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(origin.url() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
