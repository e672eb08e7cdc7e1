package org.telcocdn.controller.predict;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.telcocdn.common.config.Settings;
import org.telcocdn.common.http.Access;
import org.telcocdn.common.http.HttpServer;
import org.telcocdn.common.http.JsonHttpClient;
import org.telcocdn.common.http.Response;
import org.telcocdn.common.json.Json;
import org.telcocdn.common.security.SecurityConfig;
import org.telcocdn.common.security.ServiceSecurity;
import org.telcocdn.predict.model.GlobalModel;
import org.telcocdn.predict.model.ModelUpdate;
import org.telcocdn.security.ServiceIdentity;
import org.telcocdn.security.ServiceRoles;
import org.telcocdn.testkit.TestCredentials;

/** Alarms read from a fake edge (a real control listener on port 0) become triggers, once. */
class SpikeActionsTest {
  private static final TestCredentials CREDS = TestCredentials.shared();
  private final AtomicReference<Object> alarms = new AtomicReference<>(List.of());
  private final AtomicReference<Object> titles = new AtomicReference<>(List.of());
  private final List<JsonNode> submitted = new CopyOnWriteArrayList<>();
  private HttpServer edge;
  private final SpikeBoosts boosts =
      new SpikeBoosts(Duration.ofMinutes(30), Clock.systemUTC(), new SimpleMeterRegistry());

  /** Counted down before the fake edge answers; the edge answers once {@link #slowEdge} is. */
  private final CountDownLatch answering = new CountDownLatch(1);

  private volatile CountDownLatch slowEdge = new CountDownLatch(0);

  @AfterEach
  void stop() {
    if (edge != null) edge.close();
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private SpikeActions actions(PredictionMetrics metrics) {
    ServiceSecurity security =
        ServiceSecurity.load(
            SecurityConfig.from(Settings.of(CREDS.settings(ServiceRoles.EDGE, "edge-1"))), "e");
    edge =
        HttpServer.builder("fake-edge")
            .control("127.0.0.1", 0, security)
            .get(
                "/internal/predictions",
                Access.services(ServiceRoles.CONTROLLER),
                r -> {
                  answering.countDown();
                  awaitQuietly(slowEdge);
                  return Response.ok(
                      Map.of("at", 1234L, "alarms", alarms.get(), "titles", titles.get()));
                })
            .start();
    JsonHttpClient http =
        new JsonHttpClient(
            Duration.ofSeconds(2), CREDS.service(ServiceIdentity.of(ServiceRoles.CONTROLLER, "c")));
    return new SpikeActions(
        () ->
            List.of(
                new SpikeActions.Edge(
                    "edge-1", "site-a", "https://127.0.0.1:" + edge.controlPort())),
        http,
        command -> {
          submitted.add(command);
          return "t" + submitted.size();
        },
        PredictSettings.DEFAULTS,
        metrics,
        boosts,
        Clock.systemUTC());
  }

  private static Map<String, Object> alarm(String id, long raisedAt, List<String> paths) {
    return Map.of(
        "videoId",
        id,
        "raisedAt",
        raisedAt,
        "probability",
        0.9,
        "reason",
        "spike probability",
        "paths",
        paths);
  }

  @Test
  void theDecisionsCanBeReadWhileAPollWaitsForASlowEdge() throws Exception {
    CountDownLatch held = new CountDownLatch(1);
    slowEdge = held;
    SpikeActions actions = actions(new PredictionMetrics(new SimpleMeterRegistry()));
    alarms.set(List.of(alarm("title-a", 100, List.of("360p/init.mp4"))));
    CompletableFuture<Void> poll = CompletableFuture.runAsync(actions::poll);
    assertThat(answering.await(10, TimeUnit.SECONDS)).as("the poll reached the edge").isTrue();

    // GET /api/predict's reads: answered while the edge has not, not after the edge's time-out.
    assertThat(CompletableFuture.supplyAsync(actions::recent).get(5, TimeUnit.SECONDS)).isEmpty();
    assertThat(CompletableFuture.supplyAsync(() -> actions.sites(0.1)).get(5, TimeUnit.SECONDS))
        .isEmpty();
    held.countDown();
    poll.get(10, TimeUnit.SECONDS);
    assertThat(actions.recent()).extracting(m -> m.get("action")).containsExactly("prepositioned");
  }

  @Test
  void anAlarmBecomesOneHighPriorityPrepositionAtItsSiteThenTheCooldownHolds() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    SpikeActions actions = actions(new PredictionMetrics(registry));
    alarms.set(List.of(alarm("title-a", 100, List.of("360p/init.mp4", "360p/seg_00001.m4s"))));
    actions.poll();
    actions.poll(); // the same alarm again: decided on once
    assertThat(submitted).hasSize(1);
    JsonNode t = submitted.getFirst();
    assertThat(t.path("type").asText()).isEqualTo("preposition");
    assertThat(t.path("content.urls").toString())
        .contains("/videos/title-a/360p/init.mp4", "/videos/title-a/360p/seg_00001.m4s");
    assertThat(t.path("extensions").toString())
        .contains("\"site-a\"", "CIT.ExecutionPolicy", "\"priority\":100", SpikeActions.MARKER);

    alarms.set(
        List.of(
            alarm("title-a", 200, List.of("360p/seg_00001.m4s")),
            alarm("title-b", 200, List.of())));
    actions.poll();
    assertThat(submitted).hasSize(1);
    assertThat(actions.recent())
        .extracting(m -> m.get("videoId") + " " + m.get("action"))
        .containsExactly("title-b no_plan", "title-a cooldown", "title-a prepositioned");
    assertThat(registry.counter("controller_predict_actions", "outcome", "prepositioned").count())
        .isEqualTo(1);
    assertThat(boosts.active("site-a"))
        .as("every alarm boosts its title in its site's allocation")
        .containsOnlyKeys("title-a", "title-b");
  }

  private static Map<String, Object> title(String id, double probability) {
    return Map.of("videoId", id, "probability", probability, "expectedRequests", 40);
  }

  @Test
  void theSitesViewShowsAlarmsAndTitlesAboveTheFloorWithTheSitesDecisions() {
    SpikeActions actions = actions(new PredictionMetrics(new SimpleMeterRegistry()));
    assertThat(actions.sites(0.1)).as("nothing polled yet").isEmpty();
    titles.set(List.of(title("title-a", 0.7), title("title-c", 0.3), title("title-d", 0.02)));
    alarms.set(
        List.of(alarm("title-a", 100, List.of("360p/init.mp4")), alarm("title-b", 100, List.of())));
    actions.poll();

    List<Map<String, Object>> sites = actions.sites(0.1);
    assertThat(sites).singleElement().satisfies(s -> assertThat(s).containsEntry("site", "site-a"));
    JsonNode site = Json.MAPPER.valueToTree(sites.getFirst());
    assertThat(site.path("at").asLong()).isEqualTo(1234);
    assertThat(site.path("titles").findValuesAsText("videoId"))
        .as(
            "alarms first (title-b's at the alarm's 0.9, title-a's at its tick's 0.7), then by"
                + " probability; below the floor left out")
        .containsExactly("title-b", "title-a", "title-c");
    assertThat(site.path("titles").get(0).path("alarm").asBoolean()).isTrue();
    assertThat(site.path("titles").get(2).path("alarm").asBoolean()).isFalse();
    assertThat(site.path("titles").get(2).path("edge").asText()).isEqualTo("edge-1");
    assertThat(site.path("actions").findValuesAsText("action"))
        .containsExactly("no_plan", "prepositioned");
    assertThat(Json.MAPPER.valueToTree(actions.sites(0.5).getFirst()).path("titles").size())
        .isEqualTo(2);
  }

  @Test
  void aSiteShowsAtMostItsBoundOfTitlesAndDecisions() {
    SpikeActions actions = actions(new PredictionMetrics(new SimpleMeterRegistry()));
    List<Map<String, Object>> many = new java.util.ArrayList<>();
    for (int i = 0; i < 40; i++) many.add(alarm("title-" + i, 100, List.of()));
    alarms.set(many);
    actions.poll();
    JsonNode site = Json.MAPPER.valueToTree(actions.sites(0.1).getFirst());
    assertThat(site.path("titles").size()).isEqualTo(SitePredictions.TITLES);
    assertThat(site.path("actions").size()).isEqualTo(SitePredictions.ACTIONS);
  }

  @Test
  void roundsAverageByTheSamplesAndKeepOneUpdatePerEdge() {
    PredictionMetrics metrics = new PredictionMetrics(new SimpleMeterRegistry());
    FederatedRounds rounds = new FederatedRounds(new GlobalModel(0, new float[] {0, 0}), metrics);
    rounds.offer(new ModelUpdate("e1", 0, 5, new float[] {9, 9})); // replaced by the next
    rounds.offer(new ModelUpdate("e1", 0, 1, new float[] {1, 1}));
    rounds.offer(new ModelUpdate("e2", 0, 3, new float[] {5, 5}));
    rounds.offer(new ModelUpdate("e3", 7, 3, new float[] {100, 100})); // stale
    var round = rounds.round();
    assertThat(round.model().version()).isEqualTo(1);
    assertThat(round.model().weights()).containsExactly(4f, 4f);
    assertThat(round.accepted()).isEqualTo(2);
    assertThat(round.stale()).isEqualTo(1);
    assertThat(rounds.round().model().version()).as("nothing pending: same model").isEqualTo(1);
    assertThat(rounds.toJson()).containsEntry("rounds", 2L);
  }
}
