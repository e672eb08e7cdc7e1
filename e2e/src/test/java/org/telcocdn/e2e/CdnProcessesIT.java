package org.telcocdn.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.cli.Cdn;
import org.telcocdn.cli.CliContext;
import org.telcocdn.cli.HealthProbe;
import org.telcocdn.cli.Supervisor;
import org.telcocdn.common.json.Json;
import org.telcocdn.testkit.Await;

/**
 * The cdn command as an operator uses it: {@code up -d} starts every service of a topology as its
 * own OS process, {@code ps --json} finds them, edges register with the broker, and {@code down}
 * leaves nothing running.
 */
class CdnProcessesIT {
  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  @Test
  void upPsDown_runsEveryServiceAsItsOwnProcessAndStopsThemAll() throws Exception {
    Path topology = writeTopology();
    assertThat(cdn("up", "-d", "--topology", topology.toString())).as(output()).isZero();
    List<Long> pids = new ArrayList<>();
    try {
      out.reset();
      assertThat(cdn("ps", "--json", "--topology", topology.toString())).isZero();
      JsonNode services = Json.MAPPER.readTree(output());
      assertThat(services).hasSize(7);
      services.forEach(s -> pids.add(s.get("pid").asLong()));
      assertThat(services.findValuesAsText("role")).containsExactlyInAnyOrder(
          "vid-metadata", "vid-cache-broker", "vid-raw", "vid-cache", "vid-cache", "vid-cache", "client");
      assertThat(services).allSatisfy(s -> {
        assertThat(s.get("healthy").asBoolean()).as(s.toString()).isTrue();
        assertThat(s.get("url").asText()).startsWith("http://127.0.0.1:");
        assertThat(s.get("pid").asLong()).isNotEqualTo(ProcessHandle.current().pid());
      });
      String broker = services.findParents("role").stream()
          .filter(s -> s.get("role").asText().equals("vid-cache-broker")).findFirst().orElseThrow().get("url").asText();
      Await.until(Duration.ofSeconds(20), "three edges UP at the broker", () -> upEdges(broker) == 3);
    } finally {
      assertThat(cdn("down", "--topology", topology.toString())).as(output()).isZero();
    }
    assertThat(pids).allSatisfy(pid ->
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("pid %d alive", pid).isFalse());
  }

  private int cdn(String... args) {
    PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
    HealthProbe probe = new HealthProbe();
    CliContext context = new CliContext(dir, print, print, probe, new Supervisor(probe, Duration.ofSeconds(10)),
        (d, name, seconds, w, h) -> {
          throw new AssertionError("no samples in this test");
        });
    return Cdn.run(context, args);
  }

  private String output() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private Path writeTopology() throws IOException {
    int[] ports = freePorts(8);
    String yaml = """
        dataDir: %s
        startTimeoutSeconds: 120
        services:
          - {name: vid-metadata, role: vid-metadata, port: %d}
          - {name: broker, role: vid-cache-broker, port: %d}
          - {name: vid-raw, role: vid-raw, port: %d, grpcPort: %d}
          - {name: edge-1, role: vid-cache, port: %d, site: site-a}
          - {name: edge-2, role: vid-cache, port: %d, site: site-a}
          - {name: edge-3, role: vid-cache, port: %d, site: site-b}
          - {name: client, role: client, port: %d}
        """.formatted(dir.resolve("data"), ports[0], ports[1], ports[2], ports[3], ports[4], ports[5], ports[6], ports[7]);
    return Files.writeString(dir.resolve("topology.yaml"), yaml);
  }

  private static int[] freePorts(int n) throws IOException {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) sockets.add(new ServerSocket(0));
      return sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
    } finally {
      for (ServerSocket s : sockets) s.close();
    }
  }

  private static long upEdges(String broker) {
    try {
      HttpResponse<byte[]> response = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(broker + "/api/edges")).build(), HttpResponse.BodyHandlers.ofByteArray());
      return Json.MAPPER.readTree(response.body()).get("edges").findValuesAsText("state").stream()
          .filter("UP"::equals).count();
    } catch (IOException | InterruptedException e) {
      return 0;
    }
  }
}
