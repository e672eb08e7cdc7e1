package org.telcocdn.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.cli.netns.EmulatedNetwork;
import org.telcocdn.common.json.Json;
import org.telcocdn.raw.media.Ffmpeg;
import org.telcocdn.raw.media.SampleVideos;
import org.telcocdn.testkit.Await;
import org.telcocdn.testkit.HostNetworkLock;

/**
 * The worked example for real: {@code cdn up -d --topology topology/telco.yaml} builds the
 * simulated telco network and starts every service in its site's namespace; {@code cdn topology
 * show --json} and {@code cdn ps --json} carry the keys scripts use; a viewer in client group ran-a
 * plays through the broker to an edge with curl via {@code cdn topology exec}, its packets crossing
 * the RAN, edge, regional, core and cloud links (the times curl reports cannot be below what the
 * links add); and {@code cdn down} leaves no namespace, interface or process. Needs root; skipped
 * otherwise.
 */
class TelcoTopologyIT {
  private static final Path TELCO =
      Path.of("..", "topology", "telco.yaml").toAbsolutePath().normalize();
  @TempDir Path dir;
  private CdnProcesses cdn;

  @Test
  void upShowPsPlayFromAClientGroupAndDownLeavesNothing() throws Exception {
    assumeThat(EmulatedNetwork.isRoot())
        .as("TelcoTopologyIT needs root (network namespaces, tc, nftables); CI runs as root")
        .isTrue();
    try (HostNetworkLock lock = HostNetworkLock.acquire()) {
      List<Long> pids = new ArrayList<>();
      cdn = CdnProcesses.of(dir, TELCO);
      long start = System.nanoTime();
      try (CdnProcesses running = cdn.up()) {
        System.out.printf(
            "TelcoTopologyIT: cdn up -d --topology topology/telco.yaml took %d ms (load average %s)%n",
            (System.nanoTime() - start) / 1_000_000,
            Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        JsonNode view = show();
        assertThat(view.get("sites"))
            .hasSize(8)
            .allSatisfy(
                s ->
                    assertThat(s.fieldNames())
                        .toIterable()
                        .contains("name", "kind", "namespace", "parents", "services"));
        assertThat(view.get("links"))
            .allSatisfy(
                l ->
                    assertThat(l.get("spec").fieldNames())
                        .toIterable()
                        .contains("oneWayMs", "jitterMs", "lossPct"));
        assertThat(view.get("clients"))
            .hasSize(4)
            .allSatisfy(
                c ->
                    assertThat(c.fieldNames())
                        .toIterable()
                        .contains("name", "namespace", "attach", "subnet"));

        Map<String, JsonNode> ps = running.ps();
        assertThat(ps).hasSize(16); // 13, the two mid-tier caches and the cloud tier
        ps.values().forEach(s -> pids.add(s.get("pid").asLong()));
        assertThat(ps.values())
            .allSatisfy(
                s -> {
                  assertThat(s.get("healthy").asBoolean()).as(s.toString()).isTrue();
                  assertThat(s.get("namespace").asText())
                      .isEqualTo("cdn-" + s.get("site").asText());
                });
        assertThat(ps.get("edge-3").get("site").asText()).isEqualTo("edge-c");
        assertThat(ps.get("regional-1").get("namespace").asText()).isEqualTo("cdn-regional-north");
        assertThat(ps.get("broker").get("controlUrl").asText())
            .startsWith("https://10.200.2."); // core-1's address
        String broker = ps.get("broker").get("url").asText();
        String brokerControl = ps.get("broker").get("controlUrl").asText();
        Operator operator = running.operator();
        Await.until(
            Duration.ofSeconds(60),
            "four edges UP at the broker",
            () -> operator.upEdges(brokerControl) == 4);

        Path sample = SampleVideos.synthesize(Ffmpeg.bundled(), dir, "telco-card", 4, 640, 360);
        String id =
            (String)
                operator
                    .ingest(ps.get("vid-raw").get("url").asText(), sample, "Telco card")
                    .get("id");
        play(broker, id);
      }
      assertThat(host("ip", "netns", "list")).doesNotContain("cdn-");
      assertThat(host("ip", "-o", "link", "show")).doesNotContain("cdnm");
      assertThat(pids)
          .allSatisfy(
              pid ->
                  assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                      .as("pid %d alive", pid)
                      .isFalse());
      assertThat(ProcessHandle.allProcesses().flatMap(h -> h.info().commandLine().stream()))
          .noneMatch(c -> c.contains("DelayLineMain " + dir));
    }
  }

  /**
   * A viewer in ran-a: the master playlist through the broker's redirect, then a segment from the
   * edge (a miss at the edge and at regional-1, filled from the origin over
   * edge→regional→core→cloud), then the same again (an edge hit); the same from ran-b's edge (a
   * regional hit), and a segment ran-b's edge fetched first (a regional hit at edge-1).
   */
  private void play(String broker, String id) throws Exception {
    Path master = dir.resolve("master.m3u8");
    Path headers = dir.resolve("play.headers");
    String[] first =
        curl(
            "ran-a",
            "-L",
            "-D",
            headers.toString(),
            "-o",
            master.toString(),
            broker + "/play/" + id);
    assertThat(first[0]).isEqualTo("200");
    String edge = first[1].substring(0, first[1].indexOf("/videos/"));
    // Location-aware routing: ran-a's subnet is a coverage zone of edge-a, whose edge is edge-1
    // (10.200.21.10).
    assertThat(edge).isEqualTo("http://10.200.21.10:8101");
    assertThat(routeReason(headers)).startsWith("local-site,");
    String[] fromRanC =
        curl("ran-c", "-D", headers.toString(), "-o", "/dev/null", broker + "/play/" + id);
    assertThat(fromRanC[0]).isEqualTo("302");
    assertThat(routeReason(headers)).startsWith("local-site,");
    assertThat(Files.readString(headers))
        .containsIgnoringCase("location: http://10.200.23.10:8101/"); // edge-3 in edge-c
    // ran-a to the broker in core-1: ran-a, edge-a, regional-north: 2 + 1 + 2.5 ms one way, less
    // jitter.
    assertThat(Double.parseDouble(first[2]))
        .as("TCP connect to the broker, s")
        .isGreaterThan(0.0100);
    String variant =
        Files.readAllLines(master).stream()
            .filter(l -> !l.isBlank() && !l.startsWith("#"))
            .findFirst()
            .orElseThrow();
    Path playlist = dir.resolve("variant.m3u8");
    // Relative to the master's URL, as a player resolves them: the signed URL's token is in the
    // title's path segment (/videos/{id};URISigningPackage=.../), so every object inherits it.
    String title = first[1].substring(0, first[1].lastIndexOf('/') + 1);
    String base =
        title + (variant.contains("/") ? variant.substring(0, variant.lastIndexOf('/') + 1) : "");
    assertThat(title).contains(";URISigningPackage=");
    assertThat(curl("ran-a", "-o", playlist.toString(), title + variant)[0]).isEqualTo("200");
    String segment =
        Files.readAllLines(playlist).stream()
            .filter(l -> !l.isBlank() && !l.startsWith("#"))
            .reduce((a, b) -> b)
            .orElseThrow();
    String[] miss = curl("ran-a", "-D", headers.toString(), "-o", "/dev/null", base + segment);
    assertThat(xCache(headers)).isEqualTo("MISS, MISS from regional-1, MISS from cloud-tier-1");
    String[] hit = curl("ran-a", "-D", headers.toString(), "-o", "/dev/null", base + segment);
    assertThat(xCache(headers)).isEqualTo("HIT");
    // The same segment from ran-b's edge (edge-2 in edge-b, whose primary parent is regional-north
    // too): a regional hit, no second origin fetch; then a segment edge-2 fetched first is a
    // regional hit at edge-1.
    String viaB = base.replace("10.200.21.10", "10.200.22.10");
    curl("ran-b", "-D", headers.toString(), "-o", "/dev/null", viaB + segment);
    assertThat(xCache(headers)).isEqualTo("MISS, HIT from regional-1");
    String other =
        Files.readAllLines(playlist).stream()
            .filter(l -> !l.isBlank() && !l.startsWith("#"))
            .findFirst()
            .orElseThrow();
    curl("ran-b", "-o", "/dev/null", viaB + other);
    String[] regionalHit = curl("ran-a", "-D", headers.toString(), "-o", "/dev/null", base + other);
    assertThat(xCache(headers)).isEqualTo("MISS, HIT from regional-1");
    System.out.printf(
        "TelcoTopologyIT: from ran-a via %s: broker connect %s s; segment TTFB: origin miss %s s,"
            + " regional hit %s s, edge hit %s s%n",
        edge, first[2], miss[3], regionalHit[3], hit[3]);
    assertThat(miss[0]).isEqualTo("200");
    assertThat(hit[0]).isEqualTo("200");
    assertThat(regionalHit[0]).isEqualTo("200");
    // A miss waits for the origin: at least the edge's round trip to cloud-1 (47 ms) plus ran-a's
    // (4 ms or more).
    assertThat(Double.parseDouble(miss[3])).as("miss TTFB, s").isGreaterThan(0.045);
  }

  /** The X-Cache of the last response in a file of headers curl wrote ({@code -D}). */
  private static String xCache(Path headers) throws IOException {
    return Files.readAllLines(headers).stream()
        .filter(l -> l.toLowerCase(Locale.ROOT).startsWith("x-cache:"))
        .map(l -> l.substring(l.indexOf(':') + 1).strip())
        .reduce((a, b) -> b)
        .orElse("");
  }

  /** The X-Route-Reason of the broker's answer in a file of headers curl wrote ({@code -D}). */
  private static String routeReason(Path headers) throws IOException {
    return Files.readAllLines(headers).stream()
        .filter(l -> l.toLowerCase(Locale.ROOT).startsWith("x-route-reason:"))
        .map(l -> l.substring(l.indexOf(':') + 1).strip())
        .findFirst()
        .orElse("");
  }

  /** curl inside a client group's namespace: {code, effective URL, connect s, TTFB s}. */
  private String[] curl(String group, String... args) throws IOException {
    Path result = dir.resolve("curl.out");
    StringBuilder command =
        new StringBuilder(
            "curl -sS -w '%{http_code} %{url_effective} %{time_connect} %{time_starttransfer}'");
    for (String a : args) command.append(" '").append(a).append("'");
    command.append(" > '").append(result).append("'");
    assertThat(cdn.cdn("topology", "exec", group, "--", "sh", "-c", command.toString()))
        .as(cdn.output())
        .isZero();
    return Files.readString(result).strip().split(" ");
  }

  private JsonNode show() throws IOException {
    assertThat(cdn.cdn("topology", "show", "--json")).as(cdn.output()).isZero();
    return Json.MAPPER.readTree(cdn.output());
  }

  private static String host(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    return text;
  }
}
