package org.telcocdn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.common.http.HttpServer;
import org.telcocdn.common.http.Response;
import org.telcocdn.common.json.Json;
import org.telcocdn.testkit.FreePorts;

/**
 * {@code cdn index ...} against fake members that answer GET /status as a cache-index member does
 * and record the membership changes posted to them (the real members are tested in cache-index).
 */
class IndexCommandTest {
  @TempDir Path work;

  private final List<HttpServer> members = new CopyOnWriteArrayList<>();
  private final List<String> changes = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    members.forEach(HttpServer::close);
  }

  private String fakeMember(String id, String role, long pid, long applied) {
    List<Map<String, String>> group =
        List.of(
            Map.of("id", "n1", "address", "127.0.0.1:1001"),
            Map.of("id", "n2", "address", "127.0.0.1:1002"),
            Map.of("id", "n3", "address", "127.0.0.1:1003"));
    HttpServer server =
        HttpServer.builder("fake-" + id)
            .host("127.0.0.1")
            .port(0)
            .get(
                "/status",
                r ->
                    Response.ok(
                        Map.of(
                            "id",
                            id,
                            "pid",
                            pid,
                            "role",
                            role,
                            "term",
                            7,
                            "leader",
                            "n1",
                            "appliedIndex",
                            applied,
                            "snapshotIndex",
                            40,
                            "address",
                            "127.0.0.1:100" + id.charAt(1),
                            "members",
                            group)))
            .post(
                "/members",
                r -> {
                  changes.add(
                      "add "
                          + r.jsonTree().get("id").asText()
                          + "="
                          + r.jsonTree().get("address").asText());
                  return Response.ok(Map.of());
                })
            .delete(
                "/members/{id}",
                r -> {
                  changes.add("remove " + r.param("id"));
                  return Response.noContent();
                })
            .start();
    members.add(server);
    return "127.0.0.1:" + server.port();
  }

  private static String deadEndpoint() {
    return "127.0.0.1:" + FreePorts.one(); // nothing listens there
  }

  private Console console() {
    return Console.withoutSamples(work);
  }

  @Test
  void statusJson_namesLeaderTermAndEveryMemberWithItsPid() throws Exception {
    String peers =
        String.join(
            ",",
            fakeMember("n1", "LEADER", 111, 50),
            fakeMember("n2", "FOLLOWER", 222, 49),
            deadEndpoint());
    Console cdn = console();

    assertThat(cdn.run("index", "status", "--json", "--peers", peers)).isZero();

    JsonNode status = Json.MAPPER.readTree(cdn.out());
    assertThat(status.get("leader").asText()).isEqualTo("n1");
    assertThat(status.get("term").asLong()).isEqualTo(7);
    assertThat(status.get("members")).hasSize(3);
    JsonNode n2 = status.get("members").get(1);
    assertThat(n2.get("id").asText()).isEqualTo("n2");
    assertThat(n2.get("role").asText()).isEqualTo("FOLLOWER");
    assertThat(n2.get("pid").asLong()).isEqualTo(222);
    assertThat(n2.get("appliedIndex").asLong()).isEqualTo(49);
    assertThat(status.get("members").get(2).get("role").asText()).isEqualTo("UNREACHABLE");
  }

  @Test
  void statusTable_showsRolesAndIndexes() {
    String peers = fakeMember("n1", "LEADER", 111, 50);
    Console cdn = console();

    assertThat(cdn.run("index", "status", "--peers", peers)).isZero();

    assertThat(cdn.out())
        .contains("leader n1, term 7")
        .containsPattern("n1\\s+LEADER\\s+111")
        .containsPattern("n3\\s+UNREACHABLE");
  }

  @Test
  void addAndRemoveMember_arePostedToTheFirstMemberThatAnswers() {
    String peers = deadEndpoint() + "," + fakeMember("n1", "LEADER", 111, 50);
    Console cdn = console();

    assertThat(cdn.run("index", "add-member", "n4=127.0.0.1:1004", "--peers", peers)).isZero();
    assertThat(cdn.run("index", "remove-member", "n2", "--peers", peers)).isZero();

    assertThat(changes).containsExactly("add n4=127.0.0.1:1004", "remove n2");
  }

  @Test
  void addMember_withoutAnAddress_isAUsageError() {
    Console cdn = console();
    assertThat(cdn.run("index", "add-member", "n4", "--peers", "127.0.0.1:1"))
        .isEqualTo(CliException.USAGE);
    assertThat(cdn.err()).contains("ID=HOST:PORT");
  }

  @Test
  void status_withNoMemberAnswering_fails() {
    Console cdn = console();
    assertThat(cdn.run("index", "status", "--peers", deadEndpoint()))
        .isEqualTo(CliException.RUNTIME);
    assertThat(cdn.err()).contains("no index member answered");
  }

  private static final String NO_INDEX =
      """
      services:
        - {name: meta, role: vid-metadata, port: 7001}
        - {name: broker, role: vid-cache-broker, port: 7002}
        - {name: origin, role: vid-raw, port: 7003, grpcPort: 7004}
        - {name: edge-1, role: vid-cache, port: 7005, site: site-a}
        - {name: client, role: client, port: 7006}
      """;

  @Test
  void status_withoutPeers_asksTheTopologysMembers() throws IOException {
    String[] http = {
      fakeMember("n1", "LEADER", 111, 50),
      fakeMember("n2", "FOLLOWER", 222, 50),
      fakeMember("n3", "FOLLOWER", 333, 49)
    };
    StringBuilder yaml = new StringBuilder(NO_INDEX);
    for (int i = 0; i < 3; i++) {
      String port = http[i].substring(http[i].indexOf(':') + 1);
      yaml.append(
          "  - {name: n%d, role: cache-index, port: %s, raftPort: %d}%n"
              .formatted(i + 1, port, 1001 + i));
    }
    Files.writeString(work.resolve("t.yaml"), yaml);
    Console cdn = console();
    assertThat(cdn.run("index", "status", "--json", "--topology", "t.yaml")).as(cdn.err()).isZero();
    JsonNode status = Json.MAPPER.readTree(cdn.out());
    assertThat(status.path("members").findValuesAsText("pid")).containsExactly("111", "222", "333");
    assertThat(status.path("unreachable")).isEmpty();
  }

  @Test
  void status_withoutPeers_andATopologyWithoutMembers_saysSo() throws IOException {
    Files.writeString(work.resolve("t.yaml"), NO_INDEX);
    Console cdn = console();
    assertThat(cdn.run("index", "status", "--topology", "t.yaml")).isEqualTo(CliException.USAGE);
    assertThat(cdn.err()).contains("no cache-index members");
  }
}
