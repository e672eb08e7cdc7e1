package org.telcocdn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.common.http.Access;
import org.telcocdn.common.http.ApiException;
import org.telcocdn.common.http.HttpServer;
import org.telcocdn.common.http.Response;
import org.telcocdn.common.json.Json;
import org.telcocdn.security.OperatorRole;
import org.telcocdn.security.Secrets;

/**
 * {@code cdn trigger ...} against a fake controller that records the CI/T commands it is sent (the
 * real API is tested in the controller module).
 */
class TriggerCommandTest {
  @TempDir Path work;
  private final List<JsonNode> commands = new CopyOnWriteArrayList<>();
  private HttpServer controller;
  private String url;

  @BeforeEach
  void start() {
    Secrets secrets = CliTestSecrets.ensure(work.resolve(".cdn"), "controller/controller");
    controller =
        HttpServer.builder("fake-controller")
            .control("127.0.0.1", 0, CliTestSecrets.security(secrets, "controller"))
            .post(
                "/api/triggers",
                Access.control(OperatorRole.OPERATOR),
                r -> {
                  commands.add(r.jsonTree());
                  if (r.jsonTree().has("cancel"))
                    return Response.ok(Map.of("cancelled", List.of(status("t1", "cancelling"))));
                  if (r.jsonTree()
                      .path("trigger")
                      .path("content.ccid")
                      .get(0)
                      .asText()
                      .equals("ghost"))
                    throw ApiException.badRequest(
                        "trigger.extensions[0]...footprint-value: unknown site 'x'");
                  return Response.json(201, status("t1", "pending"));
                })
            .get(
                "/api/triggers",
                Access.control(OperatorRole.READONLY),
                r ->
                    Response.ok(
                        Map.of(
                            "triggers",
                            List.of("/api/triggers/t1"),
                            "items",
                            List.of(
                                Map.of(
                                    "id",
                                    "t1",
                                    "type",
                                    "preposition",
                                    "status",
                                    "active",
                                    "progress",
                                    Map.of(
                                        "objectsDone",
                                        3,
                                        "objectsTotal",
                                        9,
                                        "bytesDone",
                                        300,
                                        "bytesTotal",
                                        900),
                                    "errors",
                                    0)))))
            .get(
                "/api/triggers/{id}",
                Access.control(OperatorRole.READONLY),
                r -> Response.ok(status(r.param("id"), "active")))
            .start();
    url = "https://127.0.0.1:" + controller.controlPort();
  }

  @AfterEach
  void stop() {
    controller.close();
  }

  private static Map<String, Object> status(String id, String status) {
    return Map.of(
        "id",
        id,
        "trigger",
        Map.of("type", "preposition"),
        "status",
        status,
        "ctime",
        1,
        "mtime",
        2,
        "errors",
        List.of(),
        "progress",
        Map.of(
            "objectsDone",
            3,
            "objectsTotal",
            9,
            "bytesDone",
            300,
            "bytesTotal",
            900,
            "tiers",
            Map.of(
                "cloud-tier-1",
                Map.of(
                    "tier",
                    "cloud",
                    "objectsServed",
                    0,
                    "bytesServed",
                    0,
                    "titlesHeld",
                    List.of("v1")),
                "regional-1",
                Map.of("tier", "regional", "objectsServed", 3, "bytesServed", 300)),
            "sites",
            Map.of(
                "s1",
                Map.of(
                    "units",
                    List.of(
                        Map.of(
                            "edge",
                            "e1",
                            "videoId",
                            "v1",
                            "state",
                            "running",
                            "source",
                            "origin",
                            "objectsDone",
                            3,
                            "objectsTotal",
                            9))))));
  }

  private Console cdn() {
    return Console.withoutSamples(work);
  }

  @Test
  void prepositionSendsTheIssuesBodyWithWindowAndRate() {
    Console cdn = cdn();
    int code =
        cdn.run(
            "trigger",
            "preposition",
            "v1",
            "--sites",
            "s1,s2",
            "--window",
            "1700000000,2026-12-06T02:00:00Z",
            "--rate",
            "5MiB",
            "--controller",
            url);
    assertThat(code).as(cdn.err()).isZero();
    JsonNode trigger = commands.getFirst().path("trigger");
    assertThat(trigger.path("type").asText()).isEqualTo("preposition");
    assertThat(trigger.path("content.ccid").toString()).isEqualTo("[\"v1\"]");
    JsonNode location = trigger.path("extensions").get(0);
    assertThat(location.path("generic-trigger-extension-type").asText())
        .isEqualTo("CIT.LocationPolicy");
    assertThat(location.path("mandatory-to-enforce").asBoolean()).isTrue();
    assertThat(
            location
                .at("/generic-trigger-extension-value/locations/0/footprints/0/footprint-value")
                .toString())
        .isEqualTo("[\"s1\",\"s2\"]");
    JsonNode window =
        trigger.path("extensions").get(1).at("/generic-trigger-extension-value/windows/0");
    assertThat(window.path("start").asLong()).isEqualTo(1_700_000_000L);
    assertThat(window.path("end").asLong()).isEqualTo(1_796_522_400L);
    assertThat(
            trigger
                .path("extensions")
                .get(2)
                .at("/generic-trigger-extension-value/max-fill-rate")
                .asLong())
        .isEqualTo(5L << 20);
    assertThat(cdn.out())
        .contains("trigger t1 preposition pending: 3/9 objects")
        .contains("s1")
        .contains("e1");
  }

  @Test
  void statusListsTriggersAndShowsOne() throws Exception {
    Console cdn = cdn();
    assertThat(cdn.run("trigger", "status", "--controller", url)).isZero();
    assertThat(cdn.out()).contains("t1").contains("active").contains("3/9").contains("300/900");
    assertThat(cdn.run("trigger", "status", "t1", "--controller", url)).isZero();
    assertThat(cdn.out())
        .as(
            "the tiers' part: titles held per the index (? when not read), what each sent the units")
        .contains("tier cloud-tier-1 cloud    holds 1/1 titles, sent the units 0 objects, 0 bytes")
        .contains(
            "tier regional-1   regional holds ?/1 titles, sent the units 3 objects, 300 bytes");
    assertThat(cdn.run("trigger", "status", "t1", "--json", "--controller", url)).isZero();
    JsonNode json = Json.MAPPER.readTree(cdn.out());
    assertThat(json.path("status").asText()).isEqualTo("active");
    assertThat(json.at("/progress/tiers/cloud-tier-1/titlesHeld").toString()).isEqualTo("[\"v1\"]");
  }

  @Test
  void cancelPostsACancelCommand() {
    Console cdn = cdn();
    assertThat(cdn.run("trigger", "cancel", "t1", "--controller", url)).isZero();
    assertThat(commands.getFirst().path("cancel").toString()).isEqualTo("[\"/api/triggers/t1\"]");
    assertThat(cdn.out()).contains("cancelling");
  }

  @Test
  void refusalsAndBadOptionsAreClearErrors() {
    Console cdn = cdn();
    assertThat(cdn.run("trigger", "preposition", "ghost", "--controller", url)).isEqualTo(1);
    assertThat(cdn.err()).contains("400").contains("unknown site");
    assertThat(cdn.run("trigger", "preposition", "v1", "--window", "tomorrow", "--controller", url))
        .isEqualTo(2);
    assertThat(cdn.err()).contains("--window");
    assertThat(cdn.run("trigger", "invalidate", "v1", "v2", "--controller", url)).isZero();
    assertThat(commands.getLast().path("trigger").path("content.ccid").toString())
        .isEqualTo("[\"v1\",\"v2\"]");
  }
}
