package org.telcocdn.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
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
import org.telcocdn.cli.Cdn;
import org.telcocdn.cli.CliContext;
import org.telcocdn.cli.HealthProbe;
import org.telcocdn.cli.Supervisor;
import org.telcocdn.common.json.Json;
import org.telcocdn.raw.media.Ffmpeg;
import org.telcocdn.raw.media.SampleVideos;
import org.telcocdn.testkit.Await;

/**
 * A viewer never notices an edge dying: three edges run as their own OS processes ({@code cdn up
 * -d}), a real Chromium plays a 30 s video with a short forward buffer, and the edge serving it is
 * killed with SIGKILL mid-playback. The player's failover loader must move to an alternate the broker
 * named, with no stall over 2 s (measured in the page: how long currentTime stays put while the
 * video is neither paused nor ended), and the page must show the new edge.
 */
class EdgeFailoverIT {
  private static final long MAX_STALL_MS = 2_000;
  /** Samples every animation frame; a stall is time with currentTime unchanged while playing. */
  private static final String STALL_SAMPLER = """
      () => {
        const v = document.getElementById('video');
        const s = window.stallStats = { maxMs: 0, last: v.currentTime, since: performance.now(), samples: 0 };
        const tick = () => {
          const now = performance.now();
          if (v.paused || v.ended || v.currentTime !== s.last) { s.last = v.currentTime; s.since = now; }
          else s.maxMs = Math.max(s.maxMs, now - s.since);
          s.samples++;
          requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
        v.addEventListener('timeupdate', () => { if (v.currentTime !== s.last) { s.last = v.currentTime; s.since = performance.now(); } });
      }""";

  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void killingTheServingEdgeMidPlaybackCausesNoStallOverTwoSeconds() throws Exception {
    Path topology = writeTopology();
    try {
      assertThat(cdn("up", "-d", "--topology", topology.toString())).as(output()).isZero();
      Map<String, JsonNode> services = ps(topology);
      String broker = services.get("broker").get("url").asText();
      Await.until(Duration.ofSeconds(30), "three edges UP at the broker", () -> upEdges(broker) == 3);
      String videoId = ingest(services.get("vid-raw").get("url").asText());
      watchAndKill(services.get("client").get("url").asText(), videoId, topology);
    } finally {
      out.reset();
      assertThat(cdn("down", "--topology", topology.toString())).as(output()).isZero();
    }
  }

  private void watchAndKill(String client, String videoId, Path topology) throws Exception {
    try (Playwright playwright = Playwright.create(new Playwright.CreateOptions()
            .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
         Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
             .setExecutablePath(Path.of("/usr/bin/chromium")).setHeadless(true)
             .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--autoplay-policy=no-user-gesture-required")));
         Page page = browser.newPage()) {
      page.onConsoleMessage(m -> System.out.println("[browser] " + m.text()));
      page.navigate(client + "/player.html?buffer=4&id=" + videoId);
      page.waitForFunction("() => document.getElementById('video').currentTime > 1", null,
          new Page.WaitForFunctionOptions().setTimeout(90_000));
      page.evaluate(STALL_SAMPLER);
      page.waitForFunction("() => document.getElementById('video').currentTime > 4", null,
          new Page.WaitForFunctionOptions().setTimeout(30_000));
      String serving = (String) page.evaluate("() => window.playerStats.edge");
      assertThat(serving).as("the page names the serving edge").startsWith("edge-");
      double killedAt = ((Number) page.evaluate("() => document.getElementById('video').currentTime")).doubleValue();
      long pid = ps(topology).get(serving).get("pid").asLong();
      ProcessHandle.of(pid).orElseThrow().destroyForcibly(); // SIGKILL: no draining, no goodbye to the broker
      System.out.printf("EdgeFailoverIT: killed %s (pid %d) at t=%.1f s%n", serving, pid, killedAt);

      try {
        page.waitForFunction("t => document.getElementById('video').currentTime > t", killedAt + 10,
            new Page.WaitForFunctionOptions().setTimeout(60_000));
      } finally {
        System.out.println("EdgeFailoverIT: player stats " + page.evaluate(
            "() => JSON.stringify({...window.playerStats, fragments: window.playerStats.fragments.slice(-6)})"));
      }
      Map<?, ?> stall = (Map<?, ?>) page.evaluate("() => window.stallStats");
      Object failovers = page.evaluate("() => JSON.stringify(window.playerStats.failovers)");
      String shown = page.locator("#s-edge").innerText();
      System.out.printf("EdgeFailoverIT: longest stall %.0f ms over %s frames; failovers %s; page shows %s%n",
          ((Number) stall.get("maxMs")).doubleValue(), stall.get("samples"), failovers, shown);
      assertThat(((Number) stall.get("samples")).intValue()).as("the sampler ran").isPositive();
      assertThat(((Number) stall.get("maxMs")).doubleValue()).as("longest stall, ms").isLessThan(MAX_STALL_MS);
      assertThat(shown).as("the page shows the new edge").startsWith("edge-").isNotEqualTo(serving);
    }
  }

  private String ingest(String origin) throws Exception {
    Path samples = Files.createDirectories(dir.resolve("samples"));
    Path file = SampleVideos.synthesize(Ffmpeg.bundled(), samples, "failover-card", 30, 640, 360);
    String query = "?name=" + URLEncoder.encode("Failover card", StandardCharsets.UTF_8) + "&tag=e2e";
    HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(origin + "/api/ingest" + query))
            .POST(HttpRequest.BodyPublishers.ofFile(file)).timeout(Duration.ofMinutes(5)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(201);
    return Json.MAPPER.readTree(response.body()).get("id").asText();
  }

  private Map<String, JsonNode> ps(Path topology) throws IOException {
    out.reset();
    assertThat(cdn("ps", "--json", "--topology", topology.toString())).as(output()).isZero();
    Map<String, JsonNode> byName = new java.util.HashMap<>();
    Json.MAPPER.readTree(output()).forEach(s -> byName.put(s.get("name").asText(), s));
    return byName;
  }

  private int cdn(String... args) {
    PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
    HealthProbe probe = new HealthProbe();
    CliContext context = new CliContext(dir, print, print, probe, new Supervisor(probe, Duration.ofSeconds(10)),
        (d, name, seconds, w, h) -> {
          throw new AssertionError("no samples through the cli in this test");
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
          - {name: edge-3, role: vid-cache, port: %d, site: site-a}
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

  private long upEdges(String broker) {
    try {
      HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(broker + "/api/edges")).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      return Json.MAPPER.readTree(response.body()).get("edges").findValuesAsText("state").stream()
          .filter("UP"::equals).count();
    } catch (IOException | InterruptedException e) {
      return 0;
    }
  }
}
