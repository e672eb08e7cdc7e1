package org.telcocdn.cli;

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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telcocdn.cli.netns.EmulatedNetwork;
import org.telcocdn.common.json.Json;
import org.telcocdn.testkit.Await;
import org.telcocdn.testkit.HostNetworkLock;

/**
 * A small simulated network for real, without services: three namespaces, one link with delay,
 * jitter, rate and loss, one radio link; {@code cdn topology probe} measures both against their
 * spec, and {@code cdn down} leaves no namespace, host interface, nftables table or process behind.
 * Needs root (CI runs as root); skipped otherwise.
 */
class LinkEmulationIT {
  private static final String PREFIX = "litn";
  private static final String YAML =
      """
      dataDir: %s
      network: {prefix: %s, siteBlock: 10.230.0.0/16, linkBlock: 10.231.0.0/16, managementBlock: 10.232.0.0/16}
      sites:
        - {name: cloud, kind: cloud}
        - {name: edge, kind: edge, parents: [cloud]}
      clients:
        - {name: ran, attach: edge, subnet: 10.233.1.0/24}
      links:
        - {a: edge, b: cloud, oneWayMs: 5, jitterMs: 0.2, lossPct: 5, rateMbit: 50}
        - {a: ran, b: edge, oneWayMs: 2, rateMbit: 20}
      """;

  @TempDir Path dir;
  private HostNetworkLock lock;
  private Console console;

  @BeforeEach
  void lock() {
    assumeThat(EmulatedNetwork.isRoot())
        .as("LinkEmulationIT needs root (network namespaces, tc, nftables); CI runs as root")
        .isTrue();
    lock = HostNetworkLock.acquire();
    console = Console.withoutSamples(dir);
  }

  @AfterEach
  void unlock() {
    if (lock != null) lock.close();
  }

  private int cdn(String... args) {
    return console.run(args);
  }

  private String output() {
    return console.out() + console.err();
  }

  @Test
  void probeMeasuresTheLinksAsSpecifiedAndDownLeavesNothing() throws IOException {
    Path topology =
        Files.writeString(dir.resolve("net.yaml"), YAML.formatted(dir.resolve("data"), PREFIX));
    String t = topology.toString();
    long start = System.nanoTime();
    assertThat(cdn("up", "-d", "--topology", t)).as(output()).isZero();
    System.out.printf(
        "LinkEmulationIT: network up in %d ms%n", (System.nanoTime() - start) / 1_000_000);
    long delayLine;
    try {
      assertThat(namespaces()).contains(PREFIX + "-cloud", PREFIX + "-edge", PREFIX + "-ran");
      delayLine =
          Json.MAPPER
              .readTree(dir.resolve("data/run/state.json").toFile())
              .at("/network/delayLinePid")
              .asLong();
      assertThat(ProcessHandle.of(delayLine)).isPresent();

      int probe = cdn("topology", "probe", "--json", "--topology", t);
      System.out.println("LinkEmulationIT: " + output());
      JsonNode result = Json.MAPPER.readTree(console.out());
      assertThat(result.get("links")).hasSize(2);
      JsonNode uplink = result.get("links").get(0);
      assertThat(uplink.get("a").asText()).isEqualTo("edge");
      assertThat(uplink.get("expectedRttMs").asDouble()).isEqualTo(10.0);
      assertThat(uplink.get("connectRttMs").asDouble()).isBetween(9.0, 11.0);
      assertThat(uplink.get("requestRttMs").asDouble()).isBetween(9.0, 11.0);
      assertThat(uplink.get("rateMbit").asDouble()).isBetween(45.0, 55.0);
      assertThat(uplink.get("lossPct").asDouble()).isBetween(4.0, 6.0);
      assertThat(result.get("links").get(1).get("lossPct").asDouble()).isZero();
      assertThat(probe).as("probe verdict: %s", result).isZero();
    } finally {
      assertThat(cdn("down", "--topology", t)).as(output()).isZero();
    }
    assertThat(namespaces()).noneMatch(ns -> ns.startsWith(PREFIX + "-"));
    assertThat(host("ip", "-o", "link", "show")).doesNotContain(PREFIX + "m");
    assertThat(host("nft", "list", "tables")).doesNotContain("inet cdn");
    assertThat(ProcessHandle.of(delayLine).map(ProcessHandle::isAlive).orElse(false))
        .as("delay line alive")
        .isFalse();
    assertThat(dir.resolve("data/run/state.json")).doesNotExist();
  }

  /**
   * {@code cdn} killed (SIGKILL) while it builds the network: whatever it had made by then, the
   * state file names it, and {@code cdn down} removes it.
   */
  @Test
  void downCleansUpAfterCdnWasKilledHalfWay() throws Exception {
    String prefix = "litk";
    Path topology =
        Files.writeString(dir.resolve("net.yaml"), YAML.formatted(dir.resolve("data"), prefix));
    List<String> command = new ArrayList<>(Launch.javaCommand(Cdn.class.getName()));
    command.addAll(List.of("up", "-d", "--topology", topology.toString()));
    Process up =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("up.log").toFile())
            .start();
    try {
      Await.until(
          Duration.ofSeconds(60),
          "the first namespace",
          () -> Files.exists(Path.of("/var/run/netns", prefix + "-cloud")));
    } finally {
      up.destroyForcibly().waitFor();
    }
    System.out.println(
        "LinkEmulationIT: cdn killed with "
            + namespaces().stream().filter(n -> n.startsWith(prefix)).toList()
            + " made; its state: "
            + Files.readString(dir.resolve("data/run/state.json")).replaceAll("\\s+", " "));

    assertThat(cdn("down", "--topology", topology.toString())).as(output()).isZero();
    assertThat(namespaces()).noneMatch(ns -> ns.startsWith(prefix + "-"));
    assertThat(host("ip", "-o", "link", "show")).doesNotContain(prefix + "m");
    assertThat(ProcessHandle.allProcesses().flatMap(h -> h.info().commandLine().stream()))
        .noneMatch(c -> c.contains(dir.resolve("data/run/delay-line.json").toString()));
  }

  private static java.util.List<String> namespaces() throws IOException {
    return host("ip", "netns", "list").lines().map(l -> l.split(" ")[0]).toList();
  }

  static String host(String... command) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      p.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return text;
  }
}
