package org.telcocdn.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.raw.media.Ffmpeg;
import org.telcocdn.raw.media.SampleVideos;
import org.telcocdn.testkit.Await;

/**
 * Overflow to the cloud tier on real processes (docs/continuum.md, "Overflow to the cloud tier"):
 * {@code cdn up -d} of the broker, the origin, the catalog, one edge in site-a and the cloud tier
 * ({@code cloud-tier-1}, a vid-cache with {@code edge.tier=cloud}), each its own OS process. The
 * edge is put in duress for real: it says so at {@code edge.duress-connections=4} open viewer
 * connections, and the test holds four kept-alive connections open to it. A viewer at site-a is
 * then routed to the cloud tier's viewer URL with reason {@code overflow-cloud:site-a} and plays a
 * segment from it; once the connections close, after {@code broker.overflow.recover-after} (2 s
 * here) the site's viewers go back to its edge.
 */
class CloudOverflowIT {
  private static final HttpClient VIEWER =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final int DURESS_CONNECTIONS = 4;

  @TempDir Path dir;

  @Test
  void aSaturatedSitesViewerPlaysFromTheCloudTier_andComesBackAfterRecovery() throws Exception {
    long start = System.nanoTime();
    try (CdnProcesses cdn =
        CdnProcesses.withCloudTier(
                dir,
                Map.of("broker.overflow.recover-after", "2s"),
                Map.of(
                    "edge.duress-connections",
                    Integer.toString(DURESS_CONNECTIONS),
                    "edge.heartbeat-interval",
                    "500ms"),
                "site-a")
            .up()) {
      long up = System.nanoTime();
      Map<String, JsonNode> services = cdn.ps();
      String brokerControl = services.get("broker").get("controlUrl").asText();
      String broker = services.get("broker").get("url").asText();
      String edgeUrl = services.get("edge-1").get("url").asText();
      String cloudUrl = services.get("cloud-tier-1").get("url").asText();
      Await.until(
          Duration.ofSeconds(30), "edge-1 UP", () -> cdn.operator().upEdges(brokerControl) == 1);
      Path samples = Files.createDirectories(dir.resolve("samples"));
      Path file = SampleVideos.synthesize(Ffmpeg.bundled(), samples, "overflow-card", 6, 320, 180);
      String videoId =
          (String)
              cdn.operator()
                  .ingest(services.get("vid-raw").get("url").asText(), file, "Overflow card", "e2e")
                  .get("id");

      JsonNode local = route(broker, videoId);
      assertThat(local.path("edge").path("name").asText()).isEqualTo("edge-1");
      assertThat(local.path("reason").asText()).doesNotStartWith("overflow-cloud");

      List<Socket> held = holdOpen(URI.create(edgeUrl), DURESS_CONNECTIONS);
      try {
        Await.until(
            Duration.ofSeconds(20),
            "site-a's viewers routed to the cloud tier",
            () -> route(broker, videoId).path("reason").asText().equals("overflow-cloud:site-a"));
        JsonNode overflowed = route(broker, videoId);
        System.out.println("CloudOverflowIT: overflowed route " + overflowed);
        assertThat(overflowed.path("edge").path("name").asText()).isEqualTo("cloud-tier-1");
        assertThat(overflowed.path("edge").path("masterUrl").asText()).startsWith(cloudUrl);
        assertThat(overflowed.path("alternates").findValuesAsText("name")).contains("edge-1");
        HttpResponse<byte[]> segment = firstSegment(overflowed);
        assertThat(segment.statusCode()).isEqualTo(200);
        assertThat(segment.body()).isNotEmpty();
        assertThat(segment.headers().firstValue("X-Served-By")).contains("cloud-tier-1");
        HttpResponse<String> play = play(broker, videoId);
        assertThat(play.statusCode()).isEqualTo(302);
        assertThat(play.headers().firstValue("Location").orElseThrow()).startsWith(cloudUrl);
        assertThat(play.headers().firstValue("X-Route-Reason")).contains("overflow-cloud:site-a");
      } finally {
        for (Socket s : held) s.close();
      }

      Await.until(
          Duration.ofSeconds(20),
          "site-a's viewers back at edge-1 after the recovery",
          () -> route(broker, videoId).path("edge").path("name").asText().equals("edge-1"));
      JsonNode back = route(broker, videoId);
      assertThat(back.path("reason").asText()).doesNotStartWith("overflow-cloud");
      assertThat(back.path("edge").path("masterUrl").asText()).startsWith(edgeUrl);
      assertThat(firstSegment(back).statusCode()).isEqualTo(200);
      assertThat(
              PrepositionIT.sum(
                  cdn.operator().get(brokerControl + "/metrics").body(),
                  "broker_route_decisions_total{",
                  "reason=\"overflow-cloud\""))
          .isPositive();
      System.out.printf(
          "CloudOverflowIT: cdn up %d ms, then ingest, overflow and back in %d ms (load %s)%n",
          (up - start) / 1_000_000,
          (System.nanoTime() - up) / 1_000_000,
          Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    }
  }

  /**
   * {@code count} connections to the edge's viewer listener, each after one kept-alive {@code GET
   * /health} answered: open connections the edge counts until its idle timeout (60 s).
   */
  private static List<Socket> holdOpen(URI edge, int count) throws IOException {
    List<Socket> held = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Socket socket = new Socket(edge.getHost(), edge.getPort());
      held.add(socket);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET /health HTTP/1.1\r\nHost: " + edge.getAuthority() + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] head = new byte[12];
      assertThat(in.readNBytes(head, 0, head.length)).isEqualTo(head.length);
      assertThat(new String(head, StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 200");
    }
    return held;
  }

  /** A viewer at site-a asks the broker for the title's route (unchecked, for Await). */
  private static JsonNode route(String broker, String videoId) {
    try {
      return DemandSpikeIT.route(broker, videoId);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static HttpResponse<String> play(String broker, String videoId) throws Exception {
    return VIEWER.send(
        HttpRequest.newBuilder(URI.create(broker + "/play/" + videoId))
            .header("X-Client-Site", "site-a")
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The master playlist at the route's URL, its first rendition's playlist and first segment. */
  private static HttpResponse<byte[]> firstSegment(JsonNode route) throws Exception {
    URI master = URI.create(route.path("edge").path("masterUrl").asText());
    URI playlist = master.resolve(firstUri(text(master)));
    return VIEWER.send(
        HttpRequest.newBuilder(playlist.resolve(firstUri(text(playlist)))).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String text(URI uri) throws Exception {
    HttpResponse<String> r =
        VIEWER.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(uri.toString()).isEqualTo(200);
    return r.body();
  }

  private static String firstUri(String playlist) {
    return playlist
        .lines()
        .filter(l -> !l.isBlank() && !l.startsWith("#"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no URI in " + playlist))
        .strip();
  }
}
