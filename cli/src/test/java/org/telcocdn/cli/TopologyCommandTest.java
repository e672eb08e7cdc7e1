package org.telcocdn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.cli.netns.NetworkState;
import org.telcocdn.common.json.Json;

/** The commands that read a topology with sites without needing root or a running network. */
class TopologyCommandTest {
  @TempDir Path work;

  private Console console() {
    return Console.withoutSamples(work);
  }

  private Path telco() {
    return Path.of("..", "topology", "telco.yaml").toAbsolutePath();
  }

  @Test
  void showJsonHasTheKeysScriptsDependOn() throws Exception {
    Console cdn = console();

    assertThat(cdn.run("topology", "show", "--json", "--topology", telco().toString()))
        .as(cdn.out())
        .isZero();
    JsonNode view = Json.MAPPER.readTree(cdn.out());
    JsonNode edgeA = find(view.get("sites"), "edge-a");
    assertThat(edgeA.get("kind").asText()).isEqualTo("edge");
    assertThat(edgeA.get("namespace").asText()).isEqualTo("cdn-edge-a");
    assertThat(edgeA.get("parents"))
        .extracting(JsonNode::asText)
        .containsExactly("regional-north", "regional-south");
    assertThat(edgeA.get("services").get(0).get("name").asText()).isEqualTo("edge-1");
    assertThat(edgeA.get("services").get(0).get("url").asText())
        .isEqualTo("http://10.200.21.10:8101");
    assertThat(find(view.get("sites"), "cloud-1").get("services"))
        .extracting(s -> s.get("name").asText())
        .containsExactly("vid-raw", "vid-metadata", "analytics", "client", "cloud-tier-1");
    JsonNode link = view.get("links").get(0);
    assertThat(link.get("a").asText()).isEqualTo("core-1");
    assertThat(link.get("b").asText()).isEqualTo("cloud-1");
    assertThat(link.get("spec").get("oneWayMs").asDouble()).isEqualTo(20.0);
    assertThat(link.get("spec").has("jitterMs")).isTrue();
    assertThat(link.get("spec").has("lossPct")).isTrue();
    JsonNode ran = find(view.get("clients"), "ran-a");
    assertThat(ran.get("namespace").asText()).isEqualTo("cdn-ran-a");
    assertThat(ran.get("attach").asText()).isEqualTo("edge-a");
    assertThat(ran.get("subnet").asText()).isEqualTo("10.100.1.0/24");
  }

  @Test
  void showPrintsTablesAndRefusesAFlatTopology() {
    Console cdn = console();
    assertThat(cdn.run("topology", "show", "--topology", telco().toString())).isZero();
    assertThat(cdn.out())
        .contains(
            "SITE",
            "edge-a",
            "regional-north, regional-south",
            "edge-1=http://10.200.21.10:8101",
            "core-1 – cloud-1",
            "20.00 ms",
            "unshaped",
            "ran-c",
            "10.100.3.0/24");
    assertThat(cdn.run("topology", "show")).isEqualTo(CliException.USAGE);
    assertThat(cdn.err()).contains("has no sites");
  }

  @Test
  void probeWithoutARunningNetworkSaysHowToStartOne() {
    Console cdn = console();
    assertThat(cdn.run("topology", "probe", "--topology", telco().toString()))
        .isEqualTo(CliException.RUNTIME);
    assertThat(cdn.err()).contains("no simulated network is running", "cdn up -d --topology FILE");
  }

  @Test
  void psAndShowFindTheRunningTopologyWithoutTheFlag() throws Exception {
    Path dataDir = work.resolve(".cdn");
    RunningService edge =
        new RunningService(
            "edge-1",
            "vid-cache",
            StateFileTest.DEAD_PID,
            "http://10.200.21.10:8101",
            null,
            "/tmp/e.log",
            Instant.now(),
            null,
            null,
            "edge-a",
            "cdn-edge-a",
            "https://10.200.21.10:7101");
    NetworkState network =
        new NetworkState(
            List.of("cdn-edge-a"),
            List.of("cdnm4"),
            null,
            null,
            List.of(List.of("edge-a", "regional-north")));
    new StateFile(dataDir)
        .write(new RunState(dataDir.toString(), List.of(edge), telco().toString(), network));
    Console cdn = console();

    assertThat(cdn.run("ps", "--json")).isZero();
    JsonNode entry = Json.MAPPER.readTree(cdn.out()).get(0);
    assertThat(entry.get("site").asText()).isEqualTo("edge-a");
    assertThat(entry.get("namespace").asText()).isEqualTo("cdn-edge-a");

    assertThat(cdn.run("topology", "show", "--json")).isZero();
    JsonNode links = Json.MAPPER.readTree(cdn.out()).get("links");
    assertThat(find(links, "edge-a", "regional-north").get("up").asBoolean()).isFalse();
    assertThat(find(links, "edge-a", "regional-south").get("up").asBoolean()).isTrue();
  }

  private static JsonNode find(JsonNode array, String name) {
    for (JsonNode n : array) if (n.get("name").asText().equals(name)) return n;
    throw new AssertionError(name + " not in " + array);
  }

  private static JsonNode find(JsonNode links, String a, String b) {
    for (JsonNode n : links)
      if (n.get("a").asText().equals(a) && n.get("b").asText().equals(b)) return n;
    throw new AssertionError(a + "–" + b + " not in " + links);
  }
}
