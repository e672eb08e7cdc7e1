package org.telcocdn.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.common.json.Json;
import org.telcocdn.index.IndexClient;
import org.telcocdn.index.IndexPeer;
import org.telcocdn.raw.media.Ffmpeg;
import org.telcocdn.raw.media.SampleVideos;
import org.telcocdn.testkit.Await;

/**
 * Preposition end to end, every service its own OS process ({@code cdn up -d} with the index,
 * analytics and the controller; two edges in site-a, one in site-b): {@code cdn trigger preposition
 * VIDEO --sites site-a} completes, the origin sends each object of the title once, and then both
 * edges of site-a serve every playlist, init segment and media segment of it as a hit or a fill
 * from their site peer, with no request to the origin, though no viewer asked for any of it before.
 * Site-b's edge was not touched.
 */
class PrepositionIT {
  private static final HttpClient VIEWER =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir Path dir;

  @Test
  void aPrepositionedTitleIsServedFromTheSiteWithoutTheOrigin() throws Exception {
    try (CdnProcesses cdn = CdnProcesses.withController(dir, "site-a", "site-a", "site-b").up()) {
      Map<String, JsonNode> services = cdn.ps();
      String broker = services.get("broker").get("controlUrl").asText();
      Await.until(
          Duration.ofSeconds(30), "three edges UP", () -> cdn.operator().upEdges(broker) == 3);
      Path samples = Files.createDirectories(dir.resolve("samples"));
      Path file =
          SampleVideos.synthesize(Ffmpeg.bundled(), samples, "preposition-card", 12, 320, 180);
      String origin = services.get("vid-raw").get("url").asText();
      String videoId =
          (String) cdn.operator().ingest(origin, file, "Preposition card", "e2e").get("id");
      long before = originFetches(cdn, origin);

      assertThat(
              cdn.cdn(
                  "trigger",
                  "preposition",
                  videoId,
                  "--sites",
                  "site-a",
                  "--json",
                  "--topology",
                  cdn.topology().toString()))
          .as(cdn.output())
          .isZero();
      String id = Json.MAPPER.readTree(cdn.output()).path("id").asText();
      Await.until(
          Duration.ofSeconds(120),
          "trigger " + id + " complete",
          () -> status(cdn, id).path("status").asText().equals("complete"));
      JsonNode done = status(cdn, id);
      System.out.println("PrepositionIT: " + done.path("progress"));
      JsonNode progress = done.path("progress");
      long objects = progress.path("objectsTotal").asLong();
      assertThat(objects).isPositive();
      assertThat(progress.path("objectsDone").asLong()).isEqualTo(objects);
      assertThat(progress.path("sites").fieldNames()).toIterable().containsExactly("site-a");
      assertThat(progress.path("sites").path("site-a").path("units"))
          .as("the flat topology has no parents: the edges' word is the origin")
          .allSatisfy(u -> assertThat(u.path("source").asText()).isEqualTo("origin"));
      assertThat(cdn.cdn("trigger", "status", "--topology", cdn.topology().toString())).isZero();
      assertThat(cdn.output()).contains(id).contains("complete");

      long afterFill = originFetches(cdn, origin);
      holderKnownToTheSite(cdn, videoId);
      assertThat(afterFill - before).as("one origin fetch per object").isEqualTo(objects);

      String signed = signedPrefix(services.get("broker").get("url").asText(), videoId);
      for (String edge : List.of("edge-1", "edge-2")) {
        String base = services.get(edge).get("url").asText() + signed;
        List<String> served = crawl(base);
        System.out.println("PrepositionIT: " + edge + " served " + served);
        String control = services.get(edge).get("controlUrl").asText();
        assertThat(served)
            .as(() -> edge + "'s peer fills: " + peerFillCounters(cdn, control))
            .isNotEmpty()
            .allSatisfy(s -> assertThat(s).matches(".* (HIT|PEER)"));
      }
      assertThat(originFetches(cdn, origin))
          .as("viewers' requests never reached the origin")
          .isEqualTo(afterFill);
      assertThat(edgeOriginFetches(cdn, services.get("edge-3").get("controlUrl").asText()))
          .isZero();
    }
  }

  /**
   * A site edge finds a peer holding a title in its site view, read from the index every {@code
   * edge.index.report-interval} (1 s), and the holder reports what it took in at the same interval:
   * once the index names a holder, the other edge knows it within about one more interval. Until
   * then its first miss of the title goes to the origin (docs/replication.md: bounded staleness of
   * a tick), which is not what this test is about.
   */
  private static void holderKnownToTheSite(CdnProcesses cdn, String videoId) throws Exception {
    try (IndexClient index =
        IndexClient.connect(IndexPeer.parseList(cdn.indexPeers()), cdn.serviceTls("broker"))) {
      Await.until(
          Duration.ofSeconds(30),
          "the index to name a site-a holder of " + videoId,
          () ->
              index.siteView(List.of("edge-1", "edge-2"), List.of(videoId)).stream()
                  .anyMatch(h -> !h.holders().isEmpty()));
    }
    Thread.sleep(
        3_000); // three site-view reads of the other edge: the staleness bound, with margin
  }

  private static JsonNode status(CdnProcesses cdn, String id) {
    assertThat(cdn.cdn("trigger", "status", id, "--json", "--topology", cdn.topology().toString()))
        .as(cdn.output())
        .isZero();
    try {
      return Json.MAPPER.readTree(cdn.output());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** {@code /videos/{id};URISigningPackage=TOKEN/} from the broker's route for the title. */
  static String signedPrefix(String broker, String videoId) throws Exception {
    HttpResponse<String> route =
        VIEWER.send(
            HttpRequest.newBuilder(URI.create(broker + "/api/route/" + videoId)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(route.statusCode()).as(route.body()).isEqualTo(200);
    String url = Json.MAPPER.readTree(route.body()).path("edge").path("masterUrl").asText();
    String path = URI.create(url).getRawPath();
    return path.substring(0, path.lastIndexOf('/') + 1);
  }

  /** Every playlist, init segment and media segment reachable from the master: "path X-Cache". */
  private static List<String> crawl(String base) throws Exception {
    List<String> served = new ArrayList<>();
    Set<String> playlists = new LinkedHashSet<>();
    for (String line : get(base, "master.m3u8", served).split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) playlists.add(line.strip());
    }
    assertThat(playlists).isNotEmpty();
    for (String playlist : playlists) {
      String dirName =
          playlist.contains("/") ? playlist.substring(0, playlist.lastIndexOf('/') + 1) : "";
      for (String line : get(base, playlist, served).split("\n")) {
        if (line.startsWith("#EXT-X-MAP:")) {
          String uri = line.substring(line.indexOf("URI=\"") + 5);
          get(base, dirName + uri.substring(0, uri.indexOf('"')), served);
        } else if (!line.isBlank() && !line.startsWith("#")) {
          get(base, dirName + line.strip(), served);
        }
      }
    }
    return served;
  }

  private static String get(String base, String path, List<String> served) throws Exception {
    HttpResponse<byte[]> r =
        VIEWER.send(
            HttpRequest.newBuilder(URI.create(base + path)).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).as(path).isEqualTo(200);
    served.add(path + " " + r.headers().firstValue("X-Cache").orElse("-"));
    return new String(r.body(), java.nio.charset.StandardCharsets.UTF_8);
  }

  /** vid-raw's gRPC object fetches so far (its /metrics, method="fetch"). */
  private static long originFetches(CdnProcesses cdn, String origin) {
    return sum(
        cdn.operator().get(origin + "/metrics").body(),
        "origin_grpc_fetches_total{",
        "method=\"fetch\"");
  }

  private static long edgeOriginFetches(CdnProcesses cdn, String edgeControl) {
    return sum(
        cdn.operator().get(edgeControl + "/metrics").body(), "edge_origin_fetches_total", "");
  }

  /**
   * Why a fill left the site: the edge's peer fallbacks and peer-copy checks by reason, and its
   * replication counters, for a failure's message.
   */
  private static String peerFillCounters(CdnProcesses cdn, String edgeControl) {
    StringBuilder out = new StringBuilder();
    for (String line : cdn.operator().get(edgeControl + "/metrics").body().split("\n")) {
      if (line.startsWith("edge_peer_") || line.startsWith("edge_anti_entropy_"))
        out.append('\n').append(line);
    }
    return out.toString();
  }

  static long sum(String metrics, String prefix, String must) {
    double total = 0;
    for (String line : metrics.split("\n")) {
      if (line.startsWith(prefix) && line.contains(must))
        total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }
    return (long) total;
  }
}
