package org.telcocdn.raw.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.common.json.Json;
import org.telcocdn.protocol.origin.LivePlaylistReply;
import org.telcocdn.protocol.origin.LivePlaylistRequest;
import org.telcocdn.protocol.origin.OriginGrpc;
import org.telcocdn.protocol.origin.client.OriginChannels;
import org.telcocdn.protocol.origin.client.OriginClient;
import org.telcocdn.raw.OriginServer;
import org.telcocdn.raw.OriginTestConfigs;
import org.telcocdn.raw.ingest.RecordingMetadata;
import org.telcocdn.security.OperatorRole;

/**
 * A real channel at a real origin: started over HTTP, read over gRPC as an edge reads it (blocking
 * reloads, the hinted part), stopped. One channel for the class: each is a real-time encoder.
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class LiveChannelIT {
  @TempDir static Path store;
  static final HttpClient http =
      org.telcocdn.testkit.TestCredentials.http(OriginTestConfigs.CREDS.operatorTls());
  static final String token = OriginTestConfigs.CREDS.token(OperatorRole.OPERATOR);
  static RecordingMetadata metadata;
  static OriginServer origin;
  static ManagedChannel grpc;
  static OriginGrpc.OriginBlockingStub stub;
  static String id;

  @BeforeAll
  static void start() throws Exception {
    metadata = new RecordingMetadata();
    origin = OriginServer.start(OriginTestConfigs.config(store, metadata.url(), 1 << 20, 64 << 10));
    grpc =
        OriginChannels.open(
            origin.grpcTarget(),
            OriginTestConfigs.CREDS
                .tls(
                    new org.telcocdn.security.ServiceIdentity(
                        org.telcocdn.security.ServiceRoles.EDGE, "site-a", "edge-1"))
                .grpcClient());
    stub = OriginGrpc.newBlockingStub(grpc);
    HttpResponse<String> started =
        send("POST", "/api/live/channels?name=Match%201", HttpRequest.BodyPublishers.noBody());
    assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
    JsonNode channel = Json.MAPPER.readTree(started.body());
    id = channel.path("id").asText();
    assertThat(id).matches("live-[0-9a-f]{12}");
    assertThat(channel.path("name").asText()).isEqualTo("Match 1");
    assertThat(channel.path("playUrl").asText()).isEqualTo("http://broker.test/play/" + id);
  }

  @AfterAll
  static void stop() {
    if (grpc != null) grpc.shutdownNow();
    if (origin != null) origin.close();
    if (metadata != null) metadata.close();
  }

  @Test
  void theChannelIsInTheCatalogAsLiveWithTwoRenditions() throws Exception {
    JsonNode entry =
        metadata.registrations.stream()
            .filter(r -> r.path("id").asText().equals(id))
            .findFirst()
            .orElseThrow();
    assertThat(entry.path("live").asBoolean()).isTrue();
    assertThat(entry.path("renditions")).hasSize(2);
    JsonNode list =
        Json.MAPPER.readTree(
            send("GET", "/api/live/channels", HttpRequest.BodyPublishers.noBody()).body());
    assertThat(list.path("channels"))
        .anySatisfy(c -> assertThat(c.path("id").asText()).isEqualTo(id));
    String master =
        new String(
            new OriginClient(grpc, 5000).fetchAll(id, "master.m3u8"), StandardCharsets.UTF_8);
    assertThat(master)
        .contains("480p/playlist.m3u8")
        .contains("240p/playlist.m3u8")
        .containsPattern("CODECS=\"avc1\\.[0-9a-f]{6},mp4a\\.40\\.2\"");
    assertThat(entry.path("renditions").get(0).path("codecs").asText())
        .isEqualTo(master.split("CODECS=\"")[1].split("\"")[0]);
  }

  @Test
  void aBlockingReloadIsAnsweredWhenThePartExists() {
    LivePlaylistReply now = playlist(-1, 0);
    long msn = now.getLastMsn();
    int next = now.getLastPart() + 1;
    LivePlaylistReply later = playlist(msn, next);
    assertThat(later.getLastMsn() > msn || later.getLastPart() >= next).isTrue();
    String text = later.getPlaylist().toStringUtf8();
    assertThat(text)
        .contains("#EXT-X-PRELOAD-HINT:TYPE=PART")
        .contains("#EXT-X-RENDITION-REPORT:URI=\"../240p/playlist.m3u8\"");
    assertThat(later.getPartTargetMs()).isEqualTo(333);
  }

  @Test
  void theHintedPartIsAnsweredWhenComplete() {
    String text = playlist(-1, 0).getPlaylist().toStringUtf8();
    String hinted = text.substring(text.indexOf("PRELOAD-HINT:TYPE=PART,URI=\"") + 28);
    hinted = hinted.substring(0, hinted.indexOf('"'));
    byte[] part = new OriginClient(grpc, 5000).fetchAll(id, "480p/" + hinted);
    assertThat(new String(part, 4, 4, StandardCharsets.ISO_8859_1)).isEqualTo("moof");
  }

  @Test
  void badBlockingRequestsAreRefused() {
    LivePlaylistReply now = playlist(-1, 0);
    assertThatThrownBy(() -> playlist(now.getLastMsn() + 5, 0))
        .isInstanceOf(StatusRuntimeException.class)
        .extracting(e -> ((StatusRuntimeException) e).getStatus().getCode())
        .isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThatThrownBy(
            () ->
                stub.withDeadlineAfter(5, TimeUnit.SECONDS)
                    .livePlaylist(
                        LivePlaylistRequest.newBuilder()
                            .setChannelId("live-000000000000")
                            .setRendition("480p")
                            .setMsn(-1)
                            .build()))
        .extracting(e -> ((StatusRuntimeException) e).getStatus().getCode())
        .isEqualTo(Status.Code.NOT_FOUND);
    assertThatThrownBy(() -> new OriginClient(grpc, 5000).fetchAll(id, "480p/part_1_99.m4s"))
        .extracting(e -> ((StatusRuntimeException) e).getStatus().getCode())
        .isEqualTo(Status.Code.NOT_FOUND);
  }

  @Test
  @org.junit.jupiter.api.Order(Integer.MAX_VALUE) // last: the others are unordered (MAX_VALUE / 2)
  void stopRecordsTheDvrWindowAsATitleThenUnknownIs404AndBadStartsAre400() throws Exception {
    assertThat(send("POST", "/api/live/channels", HttpRequest.BodyPublishers.noBody()).statusCode())
        .isEqualTo(400);
    HttpResponse<String> stopped =
        send("DELETE", "/api/live/channels/" + id, HttpRequest.BodyPublishers.noBody());
    assertThat(stopped.statusCode()).as(stopped.body()).isEqualTo(200);
    assertThat(
            send("DELETE", "/api/live/channels/" + id, HttpRequest.BodyPublishers.noBody())
                .statusCode())
        .isEqualTo(404);
    assertThat(metadata.removals).containsExactly(id);
    assertThat(origin.live().find(id)).isEmpty();
    assertThat(store.resolve("live").resolve(id)).doesNotExist();

    JsonNode recording = Json.MAPPER.readTree(stopped.body()).path("recording");
    String title = recording.path("id").asText();
    assertThat(title).isNotEmpty().doesNotStartWith("live-");
    assertThat(recording.path("playUrl").asText()).isEqualTo("http://broker.test/play/" + title);
    assertThat(recording.path("durationSeconds").asDouble()).isPositive();
    JsonNode entry =
        metadata.registrations.stream()
            .filter(r -> r.path("id").asText().equals(title))
            .findFirst()
            .orElseThrow();
    assertThat(entry.path("live").asBoolean(false)).isFalse();
    assertThat(entry.path("name").asText()).isEqualTo("Match 1 (recording)");
    assertThat(entry.path("renditions")).hasSize(2);
    // served over gRPC as any title is to an edge: a VOD playlist, closed
    String playlist =
        new String(
            new OriginClient(grpc, 5000).fetchAll(title, "480p/playlist.m3u8"),
            StandardCharsets.UTF_8);
    assertThat(playlist)
        .contains("#EXT-X-PLAYLIST-TYPE:VOD\n")
        .contains("#EXT-X-MAP:URI=\"init.mp4\"\n")
        .contains("seg_00000.m4s\n")
        .endsWith("#EXT-X-ENDLIST\n")
        .doesNotContain("EXT-X-PART")
        .doesNotContain("PRELOAD-HINT");
    // and ffmpeg plays the whole ladder from the store: every frame of the recorded seconds
    Path master = origin.store().videoDir(title).resolve("master.m3u8");
    int frames = RecordedTitle.decodedFrames(master);
    assertThat(frames)
        .isGreaterThanOrEqualTo(
            (int) (recording.path("durationSeconds").asDouble() * EncoderCommand.FRAME_RATE * 0.9));
  }

  private static LivePlaylistReply playlist(long msn, int part) {
    return stub.withDeadlineAfter(10, TimeUnit.SECONDS)
        .livePlaylist(
            LivePlaylistRequest.newBuilder()
                .setChannelId(id)
                .setRendition("480p")
                .setMsn(msn)
                .setPart(part)
                .build());
  }

  private static HttpResponse<String> send(
      String method, String path, HttpRequest.BodyPublisher body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(origin.controlUrl() + path))
            .header("Authorization", "Bearer " + token)
            .method(method, body)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
