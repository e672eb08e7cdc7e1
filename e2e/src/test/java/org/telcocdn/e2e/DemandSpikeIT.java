package org.telcocdn.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.common.json.Json;
import org.telcocdn.raw.media.Ffmpeg;
import org.telcocdn.raw.media.SampleVideos;
import org.telcocdn.testkit.Await;

/**
 * Issue 19 live: every service its own process ({@code cdn up -d}: two edges in site-a, one in
 * site-b, the controller with a model trained beforehand by {@link SpikeTraining}), a bounded load
 * ({@link SpikeLoad}: 6 minutes, at most 60 new sessions a minute) drives a crowd for one title at
 * the site-a edge the broker routes it to. The edge's model raises the alarm, the controller turns
 * it into a preposition trigger for site-a, and the trigger completes before the load peaks; the
 * title's first objects it named are then served at both site-a edges as hits or site-peer fills.
 * The federated rounds run meanwhile (every 10 s here, instead of 5 minutes).
 */
class DemandSpikeIT {
  private static final HttpClient VIEWER =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir Path dir;

  @Test
  void theCrowdsFirstSegmentsArePlacedAtItsSiteBeforeTheLoadPeaks() throws Exception {
    Path model = SpikeTraining.write(dir.resolve("spike-model.tcfm"));
    Map<String, String> edges =
        Map.of("edge.predict.round", "10s", "edge.predict.threshold", "0.5");
    Map<String, String> controller =
        Map.of(
            "controller.predict.round", "10s",
            "controller.predict.poll", "1s",
            "controller.predict.model", model.toString());
    try (CdnProcesses cdn =
        CdnProcesses.withController(dir, edges, controller, "site-a", "site-a", "site-b").up()) {
      Map<String, JsonNode> services = cdn.ps();
      String broker = services.get("broker").get("controlUrl").asText();
      String brokerViewer = services.get("broker").get("url").asText();
      String controllerUrl = services.get("controller").get("url").asText();
      Await.until(
          Duration.ofSeconds(30), "three edges UP", () -> cdn.operator().upEdges(broker) == 3);
      Path samples = Files.createDirectories(dir.resolve("samples"));
      String origin = services.get("vid-raw").get("url").asText();
      String crowd = ingest(cdn, origin, samples, "crowd-card");
      String background = ingest(cdn, origin, samples, "background-card");

      JsonNode route = route(brokerViewer, crowd);
      String edgeName = route.path("edge").path("name").asText();
      assertThat(route.path("edge").path("site").asText()).isEqualTo("site-a");
      String edgeUrl = services.get(edgeName).get("url").asText();
      String crowdBase = edgeUrl + PrepositionIT.signedPrefix(brokerViewer, crowd);
      String backgroundBase = edgeUrl + PrepositionIT.signedPrefix(brokerViewer, background);
      String rendition = firstRendition(crowdBase);

      Timeline seen =
          drive(
              cdn,
              controllerUrl,
              services.get(edgeName),
              crowd,
              crowdBase,
              backgroundBase,
              rendition);
      System.out.println("DemandSpikeIT: " + seen);
      assertThat(seen.alarmAt).as("alarm raised before the peak").isBetween(0, SpikeLoad.peakAt());
      assertThat(seen.trigger).as("a preposition trigger for the crowd's title").isNotNull();

      JsonNode status =
          cdn.operator()
              .get(controllerUrl + "/api/triggers/" + seen.trigger)
              .body()
              .transform(DemandSpikeIT::json);
      System.out.println("DemandSpikeIT: trigger " + status);
      assertThat(status.path("status").asText()).isEqualTo("complete");
      assertThat(status.path("etime").asLong())
          .as("the trigger completed before the load peaked")
          .isLessThanOrEqualTo(seen.peakEpochSecond);
      assertThat(status.path("progress").path("sites").fieldNames())
          .toIterable()
          .containsExactly("site-a");

      List<String> paths = new ArrayList<>();
      status
          .path("trigger")
          .path("content.urls")
          .forEach(
              u ->
                  paths.add(
                      u.asText().substring(u.asText().indexOf(crowd + "/") + crowd.length() + 1)));
      assertThat(paths).contains(rendition + "seg_00001.m4s");
      for (String edge : List.of("edge-1", "edge-2")) {
        String base =
            services.get(edge).get("url").asText()
                + PrepositionIT.signedPrefix(brokerViewer, crowd);
        for (String path : paths)
          assertThat(xCache(base + path)).as(edge + " " + path).matches("HIT|PEER");
      }
      JsonNode rounds = json(cdn.operator().get(controllerUrl + "/api/predict").body());
      System.out.println("DemandSpikeIT: rounds " + rounds.path("model"));
      assertThat(rounds.path("model").path("rounds").asLong()).isPositive();
      // labels are known 10 minutes after their sample, longer than the load: every update of
      // this test is counted empty, none averaged
      String metrics = cdn.operator().get(controllerUrl + "/metrics").body();
      assertThat(
              PrepositionIT.sum(metrics, "controller_predict_updates_total", "outcome=\"empty\""))
          .as("the edges' updates reached the rounds")
          .isPositive();
    }
  }

  /** What the load saw, in seconds from its start. */
  private record Timeline(int alarmAt, int actedAt, String trigger, long peakEpochSecond) {}

  /** Runs the bounded load, one second at a time, watching the edge's alarms and the actions. */
  private static Timeline drive(
      CdnProcesses cdn,
      String controllerUrl,
      JsonNode edge,
      String crowd,
      String crowdBase,
      String backgroundBase,
      String rendition)
      throws Exception {
    SpikeLoad.Starts crowdStarts = new SpikeLoad.Starts();
    SpikeLoad.Starts backgroundStarts = new SpikeLoad.Starts();
    long start = System.currentTimeMillis();
    int alarmAt = -1, actedAt = -1;
    String trigger = null;
    for (int t = 0; t < SpikeLoad.length(); t++) {
      for (int s = crowdStarts.next(SpikeLoad.crowdPerMinute(t)); s > 0; s--)
        session(crowdBase, rendition);
      for (int s = backgroundStarts.next(SpikeLoad.BACKGROUND); s > 0; s--)
        session(backgroundBase, rendition);
      if (alarmAt < 0 && alarmed(cdn, edge, crowd)) alarmAt = t;
      if (trigger == null) {
        trigger = action(cdn, controllerUrl, crowd);
        if (trigger != null) actedAt = t;
      }
      long next = start + (t + 1) * 1000L;
      Thread.sleep(Math.max(0, next - System.currentTimeMillis()));
    }
    return new Timeline(alarmAt, actedAt, trigger, start / 1000 + SpikeLoad.peakAt());
  }

  private static boolean alarmed(CdnProcesses cdn, JsonNode edge, String crowd) {
    String url = edge.get("controlUrl").asText() + "/internal/predictions";
    JsonNode view = json(cdn.operator().get(url).body());
    for (JsonNode a : view.path("alarms"))
      if (a.path("videoId").asText().equals(crowd)) return true;
    return false;
  }

  /** The trigger of a {@code prepositioned} action for the title, or null. */
  private static String action(CdnProcesses cdn, String controllerUrl, String crowd) {
    JsonNode status = json(cdn.operator().get(controllerUrl + "/api/predict").body());
    for (JsonNode a : status.path("actions"))
      if (a.path("videoId").asText().equals(crowd)
          && a.path("action").asText().equals("prepositioned")) return a.path("trigger").asText();
    return null;
  }

  /** A player's start-up: the rendition's init segment and its first segments. */
  private static void session(String base, String rendition) throws Exception {
    xCache(base + rendition + "init.mp4");
    for (int k = 1; k <= SpikeLoad.SEGMENTS; k++)
      xCache(base + rendition + "seg_%05d.m4s".formatted(k));
  }

  private static String xCache(String url) throws Exception {
    HttpResponse<Void> r =
        VIEWER.send(
            HttpRequest.newBuilder(URI.create(url)).build(),
            HttpResponse.BodyHandlers.discarding());
    assertThat(r.statusCode()).as(url).isEqualTo(200);
    return r.headers().firstValue("X-Cache").orElse("-");
  }

  /** The first rendition's directory in the master playlist, e.g. {@code 360p/}. */
  private static String firstRendition(String base) throws Exception {
    String master =
        VIEWER
            .send(
                HttpRequest.newBuilder(URI.create(base + "master.m3u8")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    for (String line : master.split("\n"))
      if (!line.isBlank() && !line.startsWith("#"))
        return line.strip().substring(0, line.strip().lastIndexOf('/') + 1);
    throw new AssertionError("no rendition in " + master);
  }

  private static String ingest(CdnProcesses cdn, String origin, Path samples, String name)
      throws Exception {
    Path file = SampleVideos.synthesize(Ffmpeg.bundled(), samples, name, 12, 320, 180);
    return (String) cdn.operator().ingest(origin, file, name, "e2e").get("id");
  }

  /**
   * The route of a viewer at site-a: without a location the broker may place the title at any site
   * (its owner by hashing), and the crowd is to be at site-a.
   */
  static JsonNode route(String broker, String videoId) throws Exception {
    HttpResponse<String> r =
        VIEWER.send(
            HttpRequest.newBuilder(URI.create(broker + "/api/route/" + videoId))
                .header("X-Client-Site", "site-a")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return json(r.body());
  }

  private static JsonNode json(String body) {
    try {
      return Json.MAPPER.readTree(body);
    } catch (java.io.IOException e) {
      throw new AssertionError(body, e);
    }
  }
}
